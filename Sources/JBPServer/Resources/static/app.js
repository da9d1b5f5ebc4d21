// jbp: the pages' script. Keeps a dashboard's figures fresh without reloading the page, and
// keeps a trainee's answers: typed values are saved on the device while typing and put back
// after a refused submission, a reload, a closed exercise or a lost connection; each problem
// stands beside its field; Enter moves to the next field instead of spending an attempt.
(function () {
  "use strict";
  // Print buttons (the plan's printable page): a listener, since the Content-Security-Policy
  // refuses inline handlers.
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // 我的经销商: a filled-in template chosen here is sent as it is to the import API.
  Array.prototype.forEach.call(document.querySelectorAll("input[data-case-import]"), function (input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var note = document.querySelector("[data-case-import-error]");
      var csv = /\.csv$/i.test(file.name) || file.type === "text/csv";
      file.arrayBuffer().then(function (bytes) {
        return fetch("/api/me/case/import", {
          method: "POST", credentials: "same-origin", body: bytes,
          headers: { "Content-Type": csv ? "text/csv" : "application/yaml" }
        });
      }).then(function (response) {
        if (response.ok) { location.href = "/t/my-case#review"; location.reload(); return; }
        return response.json().then(function (answer) {
          note.hidden = false;
          note.textContent = input.getAttribute("data-failed") + (answer.format_errors || [answer.error]).join("；");
        });
      }).catch(function () { note.hidden = false; note.textContent = input.getAttribute("data-failed"); });
    });
  });
  // Timers: an exercise opened for a time counts down to its closing; at zero the card's submit
  // button is disabled (the server refuses a late answer anyway, with a sentence).
  var bindTimers = function (root) { Array.prototype.forEach.call(root.querySelectorAll("[data-closes-at]"), function (timer) {
    var end = Date.parse(timer.getAttribute("data-closes-at"));
    var out = timer.querySelector("[data-countdown]");
    if (isNaN(end) || !out) return;
    var card = timer.closest("section, li, .card") || document;
    var id = 0;
    var tick = function () {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      out.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
      timer.classList.toggle("soon", left > 0 && left <= 60);
      if (left > 0) return;
      timer.textContent = timer.getAttribute("data-time-up");
      timer.classList.add("up");
      Array.prototype.forEach.call(card.querySelectorAll("form[data-exercise-form] button[type=submit]"), function (b) { b.disabled = true; });
      if (id) clearInterval(id);
    };
    tick();
    id = setInterval(tick, 1000);
    timer.jbpStop = function () { clearInterval(id); };
  }); };
  bindTimers(document);
  // Slides: one heading a slide; arrow keys, space and clicks move, F goes full screen.
  if (document.body.hasAttribute("data-slides")) {
    var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
    var at = Math.max(0, slides.findIndex(function (s) { return "#" + s.id === location.hash; }));
    // A long section is shrunk until it fits the screen (down to about half the size), so the
    // room reads it whole rather than scrolling; shorter ones keep the full size.
    var fit = function (slide) {
      var body = slide.querySelector(".slide-body") || slide;
      var fits = function () { return slide.scrollHeight <= slide.clientHeight + 1; };
      var shrink = function (from, to) {
        for (var size = from; size >= to; size -= 0.1) {
          slide.style.fontSize = size.toFixed(1) + "vh";
          if (fits()) return true;
        }
        return false;
      };
      body.style.columnCount = "";
      // One column down to two thirds of the size; then two columns, which hold twice as much.
      if (shrink(2.9, 1.9)) return;
      body.style.columnCount = "2";
      body.style.columnGap = "4vw";
      shrink(2.6, 1.3);
    };
    var show = function (i) {
      at = Math.min(slides.length - 1, Math.max(0, i));
      slides.forEach(function (s, k) { s.classList.toggle("current", k === at); });
      fit(slides[at]);
      history.replaceState(null, "", "#" + slides[at].id);
    };
    window.addEventListener("resize", function () { if (slides.length) fit(slides[at]); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") { show(at + 1); e.preventDefault(); }
      if (e.key === "ArrowLeft" || e.key === "PageUp") { show(at - 1); e.preventDefault(); }
      if (e.key === "f" || e.key === "F") { if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen(); }
    });
    document.addEventListener("click", function (e) { if (!e.target.closest("a")) show(at + (e.clientX < window.innerWidth / 3 ? -1 : 1)); });
    if (slides.length) show(at);
  }
  var live = document.querySelector("[data-live]");
  if (live) {
    var url = live.getAttribute("data-live");
    var refresh = function () {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) return;
          // The old countdowns stop; the new ones (an exercise opened meanwhile) start.
          Array.prototype.forEach.call(live.querySelectorAll("[data-closes-at]"), function (t) { if (t.jbpStop) t.jbpStop(); });
          live.innerHTML = html;
          bindTimers(live);
        })
        .catch(function () { /* offline for a moment: try again at the next tick */ })
        .then(function () { setTimeout(refresh, 3000); });
    };
    setTimeout(refresh, 3000);
  }

  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-exercise-form]"));
  if (!forms.length) return;

  function storageKey(id) { return "jbp:answers:" + location.pathname + ":" + id; }
  function readDraft(id) {
    try { return JSON.parse(localStorage.getItem(storageKey(id)) || "null"); } catch (e) { return null; }
  }
  function fields(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name^='a.'], select[name^='a.'], textarea[name^='a.']"));
  }
  function valuesOf(form) {
    var values = {};
    fields(form).forEach(function (field) {
      var name = field.name;
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) (values[name] = values[name] || []).push(field.value);
      } else if (field.value !== "") {
        values[name] = [field.value];
      }
    });
    return values;
  }
  function fill(form, values, onlyEmpty) {
    if (!values) return;
    fields(form).forEach(function (field) {
      var given = values[field.name];
      if (!given) return;
      if (field.type === "radio" || field.type === "checkbox") {
        if (!onlyEmpty || !form.querySelector("[name='" + field.name + "']:checked")) field.checked = given.indexOf(field.value) >= 0;
      } else if (!onlyEmpty || field.value === "") {
        field.value = given.join(field.tagName === "INPUT" && given.length > 1 ? "、" : "\n");
      }
    });
  }
  function blankQuestions(form) {
    return Array.prototype.slice.call(form.querySelectorAll("[data-question]")).filter(function (question) {
      return !Array.prototype.slice.call(question.querySelectorAll("input, select, textarea")).some(function (field) {
        return (field.type === "radio" || field.type === "checkbox") ? field.checked : field.value.trim() !== "";
      });
    }).length;
  }

  forms.forEach(function (form) {
    var id = form.getAttribute("data-exercise-form");
    var restore = document.querySelector("script[data-restore='" + id + "']");
    var data = {};
    if (restore) { try { data = JSON.parse(restore.textContent); } catch (e) { data = {}; } }
    // What the server sends back (a refused submission, or the last one handed in) first; then
    // what this device still holds of answers typed since.
    fill(form, data.values, false);
    var draft = readDraft(id);
    if (draft && (!data.values || draft.at > (data.savedAt || 0))) fill(form, draft.values, !!data.errors);

    var first = null;
    Object.keys(data.errors || {}).forEach(function (name) {
      var field = form.querySelector("[name='" + name + "']");
      if (!field) return;
      var question = field.closest("[data-question]") || field.parentNode;
      question.classList.add("invalid");
      var note = document.createElement("p");
      note.className = "field-error";
      note.setAttribute("role", "alert");
      note.setAttribute("data-test", "field-error-" + name.slice(2));
      note.textContent = data.errors[name];
      question.appendChild(note);
      if (!first) first = field;
    });
    // After a hand-in the page opens at the score; after a refusal, at the first field to fix.
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && !first && target.id === "grade-" + id) target.scrollIntoView({ block: "start" });
    if (first) {
      // After the browser's own jump to the #fix- notice: the first field to fix is what counts.
      var toFirst = function () {
        first.closest("[data-question]").scrollIntoView({ block: "center" });
        try { first.focus({ preventScroll: true }); } catch (e) { first.focus(); }
      };
      if (document.readyState === "complete") toFirst(); else window.addEventListener("load", function () { setTimeout(toFirst, 0); });
    }

    form.addEventListener("input", function (event) {
      try { localStorage.setItem(storageKey(id), JSON.stringify({ at: Date.now(), values: valuesOf(form) })); } catch (e) { /* private mode: the page still holds them */ }
      var question = event.target.closest("[data-question]");
      if (question && question.classList.contains("invalid")) {
        question.classList.remove("invalid");
        var note = question.querySelector(".field-error");
        if (note) note.remove();
      }
    });
    form.addEventListener("change", function () { form.dispatchEvent(new Event("input")); });
    // Enter (the phone keyboard's 前往/下一项) moves on; only the button hands the answers in.
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target.tagName === "TEXTAREA" || event.target.tagName === "BUTTON") return;
      event.preventDefault();
      var list = fields(form).filter(function (f) { return !f.disabled && f.type !== "hidden"; });
      var next = list[list.indexOf(event.target) + 1];
      if (next) next.focus(); else { var button = form.querySelector("button[type=submit]"); if (button) button.focus(); }
    });
    form.addEventListener("submit", function (event) {
      var blank = blankQuestions(form);
      if (blank > 0 && !window.confirm((form.getAttribute("data-confirm-blank") || "{n}?").replace("{n}", String(blank)))) { event.preventDefault(); return; }
      if (form.hasAttribute("data-last-attempt") && !window.confirm((form.getAttribute("data-confirm-last") || "?"))) event.preventDefault();
    });
  });
})();

// A form with data-confirm asks before it is sent (deleting a check-in cannot be undone).
(function () {
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
})();
