// The appeal form's helpers: a character counter, "use my location", and open cases like the
// one being typed (GET /api/v1/cases/similar, debounced). The form works without this file:
// the server shows the similar cases on a confirm step instead.
(function () {
  "use strict";
  var form = document.getElementById("appeal-form");
  if (!form) return;
  var text = document.getElementById("text");
  var counter = document.getElementById("text-counter");
  var lat = document.getElementById("latitude");
  var lon = document.getElementById("longitude");
  var region = document.getElementById("region");
  var category = document.getElementById("category");
  var locate = document.getElementById("use-location");
  var locationState = document.getElementById("location-state");
  var live = document.getElementById("similar-live");
  var seen = document.getElementById("seen-similar");

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function count() {
    var max = parseInt(counter.getAttribute("data-max"), 10);
    counter.textContent = fill(counter.getAttribute("data-template"), {
      left: max - text.value.length,
      limit: max,
    });
  }
  if (text && counter) {
    text.addEventListener("input", count);
    count();
  }

  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(6);
          lon.value = position.coords.longitude.toFixed(6);
          locationState.textContent = "";
          ask();
        },
        function () {
          locationState.textContent = locate.getAttribute("data-failed");
        },
        { enableHighAccuracy: true, timeout: 15000 }
      );
    });
  }

  function show(cases) {
    while (live.firstChild) live.removeChild(live.firstChild);
    if (!cases.length) {
      live.hidden = true;
      return;
    }
    var title = document.createElement("h2");
    title.textContent = live.getAttribute("data-title");
    var intro = document.createElement("p");
    intro.textContent = live.getAttribute("data-intro");
    var list = document.createElement("ul");
    list.className = "similar-list";
    cases.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "similar-case";
      var link = document.createElement("a");
      link.href = "/appeals/case/" + item.id;
      link.textContent = fill(live.getAttribute("data-number"), { number: item.id });
      li.appendChild(link);
      var facts = [item.category_name, item.status_name];
      if (item.distance_m !== null && item.distance_m !== undefined) {
        facts.push(fill(live.getAttribute("data-metres"), { metres: Math.round(item.distance_m) }));
      }
      li.appendChild(document.createTextNode(" · " + facts.join(" · ")));
      if (item.address) {
        li.appendChild(document.createElement("br"));
        var where = document.createElement("span");
        where.className = "muted";
        where.textContent = item.address;
        li.appendChild(where);
      }
      if (item.public_text) {
        li.appendChild(document.createElement("br"));
        var quote = document.createElement("q");
        quote.textContent = item.public_text.slice(0, 200);
        li.appendChild(quote);
      }
      li.appendChild(document.createElement("br"));
      var follow = document.createElement("a");
      follow.className = "follow";
      follow.href = "/appeals/case/" + item.id;
      follow.textContent = live.getAttribute("data-follow");
      li.appendChild(follow);
      list.appendChild(li);
    });
    live.appendChild(title);
    live.appendChild(intro);
    live.appendChild(list);
    live.hidden = false;
  }

  var timer = null;
  var asked = "";
  function ask() {
    if (!region.value || !category.value) return;
    var params = new URLSearchParams({ region: region.value, category: category.value });
    if (lat.value && lon.value) {
      params.set("lat", lat.value.replace(",", "."));
      params.set("lon", lon.value.replace(",", "."));
    }
    if (text.value) params.set("text", text.value.slice(0, 1000));
    var query = params.toString();
    if (query === asked) return;
    asked = query;
    fetch("/api/v1/cases/similar?" + query, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (cases) {
        if (cases === null || query !== asked) return;
        show(cases);
        seen.value = "1"; // the citizen has seen what there is: no confirm step needed
      })
      .catch(function () {
        /* the server's confirm step stays as the fallback */
      });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 600);
  }
  [text, lat, lon].forEach(function (field) {
    field.addEventListener("input", later);
  });
  [region, category].forEach(function (field) {
    field.addEventListener("change", later);
  });
  // A form that comes back filled (a confirm step, a problem) shows its similar cases at once.
  ask();
})();
