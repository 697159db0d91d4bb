/* Map story (presentation mode) for mapping: one step of the article at a time.
 *
 * Reads the steps from the JSON block with id "story-data". Article text is put
 * on the page with textContent only (never innerHTML). No network: Leaflet and the outlines
 * are inlined in the page.
 *
 * For tests and notebooks: window.story = {index, count, settled, steps, go(i), next(),
 * prev(), center() -> [lat, lon], zoom(), view() -> [[south, west], [north, east]]};
 * the panel carries data-step (0-based) and data-kind.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("story-data").textContent);
  var ui = data.ui;
  var steps = data.steps;
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var BASE = { color: "#9a9a8a", weight: 0.6, fillColor: "#f3efe4", fillOpacity: 1 };
  var SHADED = { color: "#b34a12", weight: 1.5, fillColor: "#f6a56e", fillOpacity: 0.55 };
  var LAKE = { color: "#8fb8d0", weight: 0.6, fillColor: "#cfe3ef", fillOpacity: 1 };
  var ACTIVE = { radius: 9, weight: 2, color: "#ffffff", fillColor: "#b34a12", opacity: 1, fillOpacity: 0.95 };
  var DIMMED = { radius: 5, weight: 1, color: "#ffffff", fillColor: "#6b675c", opacity: 0.35, fillOpacity: 0.25 };
  var MAX_LABELS = 7;
  var JOURNEY = ["#1f4e9c", "#23795d", "#8c2d7a", "#b34a12", "#5b5b5b", "#0f7c8c"];

  function byId(id) {
    return document.getElementById(id);
  }

  var panel = byId("story-panel");
  var map = L.map("story-map", {
    keyboard: false, // the story's keys turn the steps
    zoomSnap: 0.25,
    worldCopyJump: false,
    minZoom: 1,
    maxZoom: 9,
    attributionControl: true
  });
  // a view first: vector layers need one before they are added
  (function fitAll() {
    var pts = data.places.map(function (p) { return p.at; });
    if (pts.length) {
      map.fitBounds(L.latLngBounds(pts).pad(0.2), { maxZoom: 5, animate: false });
    } else {
      map.setView([30, 20], 2, { animate: false });
    }
  })();
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth");
  map.getContainer().setAttribute("aria-label", ui.map);

  var outlines = L.geoJSON(data.outlines, {
    style: function () { return BASE; },
    interactive: false
  }).addTo(map);
  L.geoJSON(data.lakes, { style: function () { return LAKE; }, interactive: false }).addTo(map);
  var byCountry = {};
  outlines.eachLayer(function (layer) {
    var code = layer.feature.properties.c;
    if (code) {
      (byCountry[code] = byCountry[code] || []).push(layer);
    }
  });

  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  var markers = data.places.map(function (p) {
    var m = L.circleMarker(p.at, DIMMED).addTo(map);
    m.bindTooltip(textNode(p.label), { direction: "top", offset: [0, -6] });
    return m;
  });

  var stepLayer = L.layerGroup().addTo(map);

  // one colour per traveller, the same in the visit's step and in the overview
  var colors = {};
  steps.forEach(function (step) {
    step.journeys.forEach(function (j) {
      if (!(j.label in colors)) {
        colors[j.label] = JOURNEY[Object.keys(colors).length % JOURNEY.length];
      }
    });
  });

  var state = { index: -1, settled: false, moves: 0 };
  var shaded = [];

  function setText(el, text) {
    el.textContent = text || "";
  }

  function renderText(step) {
    var box = byId("story-text");
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
    var p = document.createElement("p");
    step.segments.forEach(function (seg) {
      if (seg[1]) {
        var mark = document.createElement("mark");
        mark.className = "hl-" + seg[1];
        mark.textContent = seg[0];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(seg[0]));
      }
    });
    box.appendChild(p);
  }

  function drawStep(step) {
    stepLayer.clearLayers();
    shaded.forEach(function (layer) {
      layer.setStyle(BASE);
      L.DomUtil.removeClass(layer.getElement(), "story-shaded");
    });
    shaded = [];
    step.countries.forEach(function (code) {
      (byCountry[code] || []).forEach(function (layer) {
        layer.setStyle(SHADED);
        L.DomUtil.addClass(layer.getElement(), "story-shaded");
        shaded.push(layer);
      });
    });
    var active = {};
    step.places.forEach(function (i) { active[i] = true; });
    markers.forEach(function (m, i) {
      m.setStyle(active[i] ? ACTIVE : DIMMED);
      if (active[i]) {
        m.bringToFront();
      }
    });
    // permanent name labels when they fit; with many places, names show on hover
    (step.places.length <= MAX_LABELS ? step.places : []).forEach(function (i) {
      var p = data.places[i];
      L.tooltip({ permanent: true, direction: "right", offset: [10, 0], className: "story-label", interactive: false })
        .setLatLng(p.at)
        .setContent(textNode(p.label))
        .addTo(stepLayer);
    });
    step.journeys.forEach(function (j) {
      var color = colors[j.label];
      var line = L.polyline(j.path, {
        color: color, weight: 4, opacity: 0.9, interactive: true, className: "story-journey"
      });
      if (j.label) {
        line.bindTooltip(textNode(j.label), { sticky: true });
      }
      line.addTo(stepLayer);
      if (L.polylineDecorator) {
        L.polylineDecorator(line, {
          patterns: [{
            offset: "100%",
            repeat: 0,
            symbol: L.Symbol.arrowHead({
              pixelSize: 18,
              polygon: true,
              pathOptions: {
                stroke: false, fill: true, fillColor: color, fillOpacity: 1, className: "story-arrow"
              }
            })
          }]
        }).addTo(stepLayer);
      }
    });
  }

  function settle(token) {
    if (token === state.moves) {
      state.settled = true;
      panel.setAttribute("data-settled", "true");
    }
  }

  function fly(step) {
    var first = state.moves === 0;
    state.moves += 1;
    var token = state.moves;
    state.settled = false;
    panel.setAttribute("data-settled", "false");
    if (!step.bounds) {
      settle(token);
      return;
    }
    var bounds = L.latLngBounds(step.bounds);
    // room on the right for the place names written beside the points
    var opts = { paddingTopLeft: [48, 48], paddingBottomRight: [150, 48], maxZoom: 6 };
    map.once("moveend", function () { settle(token); });
    if (first || reduceMotion) {
      opts.animate = !first;
      map.fitBounds(bounds, opts);
    } else {
      opts.duration = 1.1;
      map.flyToBounds(bounds, opts);
    }
    // a move that changes nothing may end without an event: settle anyway
    window.setTimeout(function () { settle(token); }, 1800);
  }

  function go(i) {
    i = Math.max(0, Math.min(steps.length - 1, i));
    if (i === state.index) {
      return;
    }
    state.index = i;
    var step = steps[i];
    panel.setAttribute("data-step", String(i));
    panel.setAttribute("data-kind", step.kind);
    setText(byId("story-counter"), (i + 1) + " / " + steps.length);
    setText(byId("story-title"), step.title);
    setText(byId("story-subtitle"), step.subtitle);
    renderText(step);
    byId("story-progress-bar").style.width = (100 * (i + 1) / steps.length) + "%";
    byId("story-prev").disabled = i === 0;
    byId("story-next").disabled = i === steps.length - 1;
    drawStep(step);
    fly(step);
  }

  function next() { go(state.index + 1); }
  function prev() { go(state.index - 1); }

  // ---- full screen (the projector): Fullscreen API, or a maximised page when refused
  function isFull() {
    return Boolean(document.fullscreenElement) || document.body.classList.contains("story-max");
  }

  function updateFullLabel() {
    setText(byId("story-fullscreen"), isFull() ? ui.exit_fullscreen : ui.fullscreen);
    window.setTimeout(function () { map.invalidateSize(); }, 50);
  }

  function toggleFull() {
    var root = document.documentElement;
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(function () {});
    } else if (document.body.classList.contains("story-max")) {
      document.body.classList.remove("story-max");
      updateFullLabel();
    } else if (root.requestFullscreen && document.fullscreenEnabled) {
      root.requestFullscreen().catch(function () {
        document.body.classList.add("story-max");
        updateFullLabel();
      });
    } else {
      document.body.classList.add("story-max");
      updateFullLabel();
    }
  }
  document.addEventListener("fullscreenchange", updateFullLabel);

  // ---- keys (presentation clickers send PageDown/PageUp or arrows) and buttons
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    var handled = true;
    switch (e.key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
        next();
        break;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
        prev();
        break;
      case " ":
      case "Spacebar":
        if (e.shiftKey) { prev(); } else { next(); }
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(steps.length - 1);
        break;
      case "f":
      case "F":
        toggleFull();
        break;
      case "Escape":
        if (document.body.classList.contains("story-max")) { toggleFull(); } else { handled = false; }
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      if (document.activeElement && document.activeElement.blur) {
        document.activeElement.blur();
      }
    }
  });

  function button(id, label, action) {
    var b = byId(id);
    setText(b, label);
    b.addEventListener("click", function () {
      action();
      b.blur();
    });
  }
  button("story-prev", "← " + ui.prev, prev);
  button("story-next", ui.next + " →", next);
  button("story-fullscreen", ui.fullscreen, toggleFull);
  setText(byId("story-step-word"), ui.step);
  setText(byId("story-keys"), ui.keys);

  window.story = {
    get index() { return state.index; },
    get settled() { return state.settled; },
    count: steps.length,
    steps: steps,
    go: go,
    next: next,
    prev: prev,
    center: function () {
      var c = map.getCenter();
      return [c.lat, c.lng];
    },
    zoom: function () { return map.getZoom(); },
    view: function () {
      var b = map.getBounds();
      return [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]];
    },
    map: map
  };

  go(0);
})();
