// Starts Swagger UI on /api/docs. It is a file, not an inline script, so that the page keeps the
// strict Content-Security-Policy (script-src 'self'). A signed-in reader's "Try it out" goes with
// the session cookie; the API then wants this session's CSRF token on every write, which the page
// carries in <meta name="csrf-token">.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  var token = document.querySelector('meta[name="csrf-token"]');
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapi,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: false,  // its deep links are <a>s inside each operation's button: nested controls
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,  // Swagger UI would otherwise send the schema to validator.swagger.io
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    requestInterceptor: function (request) {
      var method = (request.method || "GET").toUpperCase();
      if (token && ["GET", "HEAD", "OPTIONS"].indexOf(method) < 0) {
        request.headers["X-CSRF-Token"] = token.content;
      }
      return request;
    },
  });
});
