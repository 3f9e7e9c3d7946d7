// Drawing a site of works on the approvals' sketch map (web/pages/approval_map.py draws the
// plane). A click places a point; the tools say whether the points make a point, a line or an
// area. The drawing is kept in step with the typed coordinates (latitude, longitude a line), so
// a keyboard user types what a mouse user clicks, and with the hidden `geometry` field (GeoJSON,
// longitude first) the server reads. Without this file the form still works from the typed
// coordinates or an uploaded GeoJSON file.
(function () {
  "use strict";
  var svg = document.querySelector("svg.approval-map[data-draw]");
  var form = document.getElementById("approval-form");
  if (!svg || !form) return;
  var NS = "http://www.w3.org/2000/svg";
  var layer = document.getElementById("map-drawn");
  var geometry = document.getElementById("geometry");
  var typed = document.getElementById("coordinates");
  var count = document.getElementById("points-drawn");
  var undo = document.getElementById("map-undo");
  var clear = document.getElementById("map-clear");
  var tools = form.querySelectorAll("input[name=shape]");
  var box = {
    minLon: parseFloat(svg.getAttribute("data-min-lon")),
    maxLon: parseFloat(svg.getAttribute("data-max-lon")),
    minLat: parseFloat(svg.getAttribute("data-min-lat")),
    maxLat: parseFloat(svg.getAttribute("data-max-lat")),
    width: parseFloat(svg.getAttribute("data-width")),
    height: parseFloat(svg.getAttribute("data-height")),
  };
  var LEAST = { point: 1, line: 2, polygon: 3 };
  var NUMBER = /[-+\u2212]?\d+(?:[.,]\d+)?/g;
  var points = []; // [lon, lat]

  function tool() {
    for (var i = 0; i < tools.length; i++) if (tools[i].checked) return tools[i].value;
    return "point";
  }

  function x(lon) {
    return ((lon - box.minLon) / (box.maxLon - box.minLon)) * box.width;
  }
  function y(lat) {
    return ((box.maxLat - lat) / (box.maxLat - box.minLat)) * box.height;
  }
  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function asGeometry() {
    var shape = tool();
    if (points.length < LEAST[shape]) return null;
    if (shape === "point") {
      if (points.length === 1) return { type: "Point", coordinates: points[0] };
      return { type: "MultiPoint", coordinates: points };
    }
    if (shape === "line") return { type: "LineString", coordinates: points };
    return { type: "Polygon", coordinates: [points.concat([points[0]])] };
  }

  function element(name, attributes) {
    var made = document.createElementNS(NS, name);
    for (var key in attributes) made.setAttribute(key, attributes[key]);
    return made;
  }

  function draw() {
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    var shape = tool();
    var path = points.map(function (p) {
      return x(p[0]).toFixed(2) + "," + y(p[1]).toFixed(2);
    });
    if (shape === "polygon" && points.length >= 3) {
      layer.appendChild(element("polygon", { points: path.join(" "), class: "area" }));
    } else if (shape !== "point" && points.length >= 2) {
      layer.appendChild(element("polyline", { points: path.join(" "), class: "line" }));
    }
    points.forEach(function (p) {
      layer.appendChild(element("circle", { cx: x(p[0]), cy: y(p[1]), r: 4 }));
    });
    var made = asGeometry();
    geometry.value = made ? JSON.stringify(made) : "";
    count.textContent = count.getAttribute("data-template").replace("{n}", points.length);
    undo.disabled = clear.disabled = points.length === 0;
  }

  function writeTyped() {
    typed.value = points
      .map(function (p) {
        return p[1].toFixed(6) + ", " + p[0].toFixed(6);
      })
      .join("\n");
  }

  // The typed points, or null when a line does not read (the server then says which).
  function readTyped() {
    var read = [];
    var lines = typed.value.split(/\r?\n/);
    for (var i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      var found = lines[i].match(NUMBER) || [];
      if (found.length !== 2 || lines[i].replace(NUMBER, "").replace(/[\s,;]/g, "") !== "")
        return null;
      var n = found.map(function (text) {
        return parseFloat(text.replace(",", ".").replace("\u2212", "-"));
      });
      read.push([n[1], n[0]]);
    }
    return read;
  }

  svg.addEventListener("click", function (event) {
    var at = svg.createSVGPoint();
    at.x = event.clientX;
    at.y = event.clientY;
    var local = at.matrixTransform(svg.getScreenCTM().inverse());
    var lon = round(box.minLon + (local.x / box.width) * (box.maxLon - box.minLon));
    var lat = round(box.maxLat - (local.y / box.height) * (box.maxLat - box.minLat));
    if (tool() === "point") points = [];
    points.push([lon, lat]);
    writeTyped();
    draw();
  });
  undo.addEventListener("click", function () {
    points.pop();
    writeTyped();
    draw();
  });
  clear.addEventListener("click", function () {
    points = [];
    writeTyped();
    draw();
  });
  typed.addEventListener("input", function () {
    var read = readTyped();
    if (read === null) {
      geometry.value = ""; // the server reads the typed lines and says which does not read
      return;
    }
    points = read;
    draw();
  });
  for (var i = 0; i < tools.length; i++) tools[i].addEventListener("change", draw);

  undo.hidden = clear.hidden = false;
  svg.classList.add("drawing");
  points = readTyped() || [];
  if (points.length) draw();
  else undo.disabled = clear.disabled = true; // keeps a geometry the server put back (a file's)
})();
