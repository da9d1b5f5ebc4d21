// jbp: the plan builder. Turns the form into a plan (model.md §6), saves it as a draft while the
// trainee types, asks the server for the engine's projection, and hands the plan in.
// Every figure shown here comes from the server; this script only arranges the form.
(function () {
  "use strict";
  var form = document.getElementById("plan-builder");
  if (!form) return;
  // The form is never sent as a form: the buttons below save and hand in (no inline handler,
  // which the Content-Security-Policy refuses).
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var exercise = form.getAttribute("data-exercise");
  var caseId = form.getAttribute("data-case");
  var metrics = JSON.parse(document.getElementById("plan-metrics").textContent);
  var words = JSON.parse(document.getElementById("plan-words").textContent);
  var metricByKey = {};
  metrics.forEach(function (m) { metricByKey[m.key] = m; });
  var prefixes = { goals: "G", strategies: "S", plans: "P", measures: "M" };
  var lastProjection = null;

  function w(key) { return words["pb_" + key] || key; }
  function $(selector, scope) { return (scope || document).querySelector(selector); }
  function $all(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }

  // Numbers as people type them: 1,902,000 · 16% · 190.2万 · 1.2亿. Text that is no number stays
  // text, so that the grader can say what is wrong with it.
  function readNumber(text) {
    var t = String(text).trim().replace(/[,，\s]/g, "").replace(/[０-９．]/g, function (c) {
      return c === "．" ? "." : String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
    if (t === "") return undefined;
    var scale = 1;
    if (/[%％]$/.test(t)) { scale = 0.01; t = t.slice(0, -1); }
    else if (/万$/.test(t)) { scale = 1e4; t = t.slice(0, -1); }
    else if (/亿$/.test(t)) { scale = 1e8; t = t.slice(0, -1); }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return String(text).trim();
    return Math.round(parseFloat(t) * scale * 1e10) / 1e10;
  }

  function showNumber(x, unit) {
    if (typeof x !== "number" || !isFinite(x)) return "";
    if (unit === "rate") return (Math.round(x * 10000) / 100).toFixed(2) + "%";
    if (unit === "days") return (Math.round(x * 10) / 10).toFixed(1) + " 天";
    if (unit === "ratio") return x.toFixed(2);
    if (Math.abs(x) < 100 && x !== Math.round(x)) return x.toFixed(2);
    return Math.round(x).toLocaleString("en-US");
  }

  // The baseline a goal should state: the case's current value, rounded as the grader's tolerance allows.
  function baselineOf(m) {
    if (!m || typeof m.current !== "number") return "";
    var digits = { rate: 4, days: 1, ratio: 2, money: 0, count: 0 }[m.unit];
    if (m.unit === "money" && Math.abs(m.current) < 100) digits = 2;
    return String(Number(m.current.toFixed(digits === undefined ? 4 : digits)));
  }

  // MARK: rows

  function tbody(section) { return $("[data-rows=" + section + "]", form); }

  function nextId(section) {
    var used = {};
    $all("[data-field=id]", tbody(section)).forEach(function (input) { used[input.value.trim()] = true; });
    for (var n = 1; ; n++) if (!used[prefixes[section] + n]) return prefixes[section] + n;
  }

  function fillMetricSelect(select) {
    var blank = document.createElement("option");
    blank.value = ""; blank.textContent = w("chooseMetric");
    select.appendChild(blank);
    metrics.forEach(function (m) {
      var option = document.createElement("option");
      option.value = m.key;
      option.textContent = m.name + (m.driver ? " ★" : "");
      select.appendChild(option);
    });
    var custom = document.createElement("option");
    custom.value = "_custom"; custom.textContent = w("customMetric");
    select.appendChild(custom);
  }

  function addRow(section, values) {
    var row = document.getElementById("row-" + section).content.firstElementChild.cloneNode(true);
    var metric = $("[data-metric]", row);
    if (metric) fillMetricSelect(metric);
    tbody(section).appendChild(row);
    refreshChoices();
    values = values || {};
    if (values.id === undefined) values.id = nextId(section);
    setRow(section, row, values);
    return row;
  }

  function setRow(section, row, values) {
    $all("[data-field]", row).forEach(function (field) {
      var key = field.getAttribute("data-field");
      var value = values[key];
      if (key === "metric" && value !== undefined && value !== "" && !metricByKey[value]) {
        field.value = "_custom";
        $("[data-field=metric-custom]", row).value = value;
        return;
      }
      if (key === "metric-custom") return;
      if (value === undefined || value === null) return;
      if (Array.isArray(value)) value = value.join(", ");
      if (field.tagName === "SELECT" && field.hasAttribute("data-choose")) ensureOption(field, String(value));
      field.value = String(value);
    });
    if (section === "goals") showMetric(row, false);
  }

  function ensureOption(select, value) {
    if (!value || $all("option", select).some(function (o) { return o.value === value; })) return;
    var option = document.createElement("option");
    option.value = value; option.textContent = value;
    select.appendChild(option);
  }

  // Strategy and goal pickers list the ids written above them.
  function refreshChoices() {
    $all("select[data-choose]", form).forEach(function (select) {
      var section = select.getAttribute("data-choose");
      var current = select.value;
      var ids = $all("[data-field=id]", tbody(section)).map(function (i) { return i.value.trim(); }).filter(Boolean);
      select.innerHTML = "";
      var blank = document.createElement("option");
      blank.value = ""; blank.textContent = "—";
      select.appendChild(blank);
      ids.forEach(function (id) {
        var option = document.createElement("option");
        option.value = id; option.textContent = id + " " + titleOf(section, id);
        select.appendChild(option);
      });
      ensureOption(select, current);
      select.value = current;
    });
  }

  function titleOf(section, id) {
    var row = $all("tr", tbody(section)).filter(function (r) { return ($("[data-field=id]", r) || {}).value === id; })[0];
    if (!row) return "";
    if (section === "strategies") return ($("[data-field=title]", row).value || "").slice(0, 12);
    var metric = metricByKey[$("[data-field=metric]", row).value];
    return metric ? metric.name : "";
  }

  // A goal's metric picked: show the case's current value and fill the baseline with it.
  function showMetric(row, fillBaseline) {
    var select = $("[data-field=metric]", row);
    var custom = select.value === "_custom";
    $("[data-field=metric-custom]", row).hidden = !custom;
    $("[data-field=better]", row).hidden = !custom;
    var m = metricByKey[select.value];
    $("[data-current]", row).textContent = m && typeof m.current === "number" ? w("current") + " " + showNumber(m.current, m.unit) + (m.better === "lower" ? " ↓" : "") : "";
    var baseline = $("[data-field=baseline]", row);
    if (fillBaseline && m && (baseline.value === "" || baseline.getAttribute("data-auto") === "1")) {
      baseline.value = baselineOf(m);
      baseline.setAttribute("data-auto", "1");
    }
  }

  // MARK: the plan

  function rowValues(section) {
    return $all("tr", tbody(section)).map(function (row) {
      var item = {};
      $all("[data-field]", row).forEach(function (field) {
        var key = field.getAttribute("data-field");
        if (field.hidden || key === "metric-custom") return;
        var raw = field.value;
        if (key === "metric" && raw === "_custom") raw = $("[data-field=metric-custom]", row).value;
        if (String(raw).trim() === "") return;
        if (field.hasAttribute("data-number")) item[key] = readNumber(raw);
        else if (field.hasAttribute("data-list")) item[key] = raw.split(/[,，、;；\s]+/).filter(Boolean);
        else item[key] = raw.trim();
      });
      return item;
    }).filter(function (item) {
      return Object.keys(item).some(function (k) { return k !== "id" && k !== "frequency"; });
    });
  }

  function lines(name) {
    return form.elements[name].value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function collect() {
    var plan = { "case": caseId };
    var start = form.elements["period.start"].value, end = form.elements["period.end"].value;
    if (start || end) { plan.period = {}; if (start) plan.period.start = start; if (end) plan.period.end = end; }
    var objective = form.elements.objective.value.trim();
    if (objective) plan.objective = objective;
    var swot = {};
    ["strengths", "weaknesses", "opportunities", "threats"].forEach(function (k) {
      var items = lines("swot." + k);
      if (items.length) swot[k] = items;
    });
    if (Object.keys(swot).length) plan.swot = swot;
    ["goals", "strategies", "plans", "measures"].forEach(function (section) {
      var rows = rowValues(section);
      if (rows.length) plan[section] = rows;
    });
    var total = readNumber(form.elements.total_budget.value);
    if (total !== undefined) plan.total_budget = total;
    var projected = readNumber(form.elements.projected_roi.value);
    if (projected !== undefined) plan.projected_roi = projected;
    return plan;
  }

  // A draft is whatever JSON was saved (an import, a script): anything of the wrong shape is
  // shown as empty rather than breaking the page.
  function list(x) { return Array.isArray(x) ? x.filter(function (item) { return item && typeof item === "object" && !Array.isArray(item); }) : []; }
  function map(x) { return x && typeof x === "object" && !Array.isArray(x) ? x : {}; }
  function scalar(x) { return typeof x === "string" || typeof x === "number" ? String(x) : ""; }
  function lineList(x) { return Array.isArray(x) ? x.map(scalar).filter(Boolean) : (scalar(x) ? [scalar(x)] : []); }

  function load(plan) {
    plan = map(plan);
    if (typeof plan["case"] === "string") caseId = plan["case"];
    var period = map(plan.period);
    form.elements["period.start"].value = scalar(period.start) || form.elements["period.start"].getAttribute("data-default");
    form.elements["period.end"].value = scalar(period.end) || form.elements["period.end"].getAttribute("data-default");
    form.elements.objective.value = scalar(plan.objective);
    ["strengths", "weaknesses", "opportunities", "threats"].forEach(function (k) {
      form.elements["swot." + k].value = lineList(map(plan.swot)[k]).join("\n");
    });
    ["goals", "strategies", "plans", "measures"].forEach(function (section) {
      tbody(section).innerHTML = "";
      var rows = list(plan[section]);
      if (!rows.length) addRow(section, {});
      // Ids first, so that the pickers of later sections can offer them.
      rows.forEach(function (values) { addRow(section, { id: scalar(values.id) || undefined }); });
    });
    ["goals", "strategies", "plans", "measures"].forEach(function (section) {
      var rowsHere = $all("tr", tbody(section));
      list(plan[section]).forEach(function (values, i) {
        var clean = {};
        Object.keys(values).forEach(function (key) {
          clean[key] = Array.isArray(values[key]) ? lineList(values[key]) : scalar(values[key]);
        });
        setRow(section, rowsHere[i], clean);
      });
    });
    form.elements.total_budget.value = scalar(plan.total_budget);
    form.elements.projected_roi.value = scalar(plan.projected_roi);
    refreshChoices();
    showBudgetSum();
  }

  function showBudgetSum() {
    var sum = 0;
    rowValues("strategies").forEach(function (s) { if (typeof s.budget === "number") sum += s.budget; });
    $("[data-budget-sum]", form).textContent = "(" + w("sumOfBudgets") + " " + showNumber(sum, "money") + ")";
  }

  // MARK: talking to the server

  function send(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) { return { ok: response.ok, status: response.status, json: json }; });
    });
  }

  // The group workshop's shared draft has its own addresses and a version: each save says which
  // version it was made on, and the server merges the sections others changed meanwhile.
  var draftURL = form.getAttribute("data-draft-url") || "/api/me/plan";
  var projectionURL = form.getAttribute("data-projection-url") || "/api/me/plan/projection";
  var submitURL = form.getAttribute("data-submit-url");
  var version = form.hasAttribute("data-version") ? Number(form.getAttribute("data-version")) : null;
  var others = $("[data-others]", form);
  var theirs = null;
  function showOthers(answer) {
    if (!others || !answer || version === null) return;
    if (typeof answer.version === "number" && answer.version > version && answer.plan) {
      theirs = answer;
      $("[data-others-text]", others).textContent = answer.others_text || "";
      others.hidden = false;
    }
  }
  if (others) {
    $("[data-load-others]", others).addEventListener("click", function () {
      if (!theirs) return;
      load(theirs.plan);
      version = theirs.version;
      others.hidden = true;
      project(collect());
    });
    // Watch for the group's edits while this page is open.
    setInterval(function () {
      fetch(draftURL, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; }).then(showOthers).catch(function () {});
    }, 5000);
  }

  var saveStatus = $("[data-save-status]", form);
  var timer = null;
  function changed() {
    showBudgetSum();
    saveStatus.textContent = w("unsaved");
    clearTimeout(timer);
    timer = setTimeout(saveAndProject, 700);
  }

  function saveAndProject() {
    var plan = collect();
    saveStatus.textContent = w("saving");
    var body = version === null ? { plan: plan } : { plan: plan, base_version: version };
    send("PUT", draftURL, body).then(function (answer) {
      if (answer.ok) {
        var at = new Date(answer.json.draft_saved_at || Date.now());
        saveStatus.textContent = w("saved") + " " + at.toLocaleTimeString();
        saveStatus.setAttribute("data-saved", "1");
        if (version !== null && typeof answer.json.version === "number") {
          // Merged with others' sections: offer them; otherwise this save is the newest version.
          if (answer.json.merged) { version = answer.json.based_on; showOthers(answer.json); } else { version = answer.json.version; }
        }
      } else {
        saveStatus.textContent = w("saveFailed") + (answer.json.error || answer.status);
      }
    }).catch(function () { saveStatus.textContent = w("offline"); });
    project(plan);
  }

  function project(plan) {
    send("POST", projectionURL, { plan: plan }).then(function (answer) {
      if (answer.ok) showProjection(answer.json);
    }).catch(function () { /* offline: the next change tries again */ });
  }

  function cell(text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function showProjection(p) {
    lastProjection = p;
    var rows = $("[data-projection-rows]");
    rows.innerHTML = "";
    [["revenue", w("revenue"), "money"], ["plan_costs", w("planCosts"), "money"], ["net_profit", w("netProfit"), "money"],
     ["investment", w("investment"), "money"], ["roi", "ROI", "rate"], ["coverage_rate", w("coverageRate"), "rate"]].forEach(function (r) {
      var now = r[0] === "plan_costs" ? 0 : p.current[r[0]], then = p.projected[r[0]];
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.textContent = r[1];
      tr.appendChild(th);
      tr.appendChild(cell(showNumber(now, r[2]), "num"));
      var projected = cell(showNumber(then, r[2]), "num");
      projected.setAttribute("data-test", "projection-" + r[0]);
      tr.appendChild(projected);
      tr.appendChild(cell(typeof then === "number" ? (then - now >= 0 ? "+" : "−") + showNumber(Math.abs(then - now), r[2]) : "—", "num"));
      rows.appendChild(tr);
    });
    var headline = $("[data-projection-headline]");
    if (headline) headline.textContent = "ROI " + showNumber(p.current.roi, "rate") + " → " + (typeof p.projected.roi === "number" ? showNumber(p.projected.roi, "rate") : "—");
    var verdict = $("[data-projection-verdict]");
    verdict.textContent = (p.meets_target ? "✔ " : "✘ ") + w("targetROI") + " " + showNumber(p.target_roi, "rate");
    verdict.className = p.meets_target ? "ok-text" : "bad-text";
    var effects = $("[data-projection-effects]");
    effects.innerHTML = "";
    (p.effects || []).forEach(function (e) {
      if (!e.counted) return;
      var li = document.createElement("li");
      var m = metricByKey[e.metric] || { unit: "ratio" };
      var used = e.credible ? e.target : e.credible_target;
      li.textContent = (e.goal || "") + " " + e.name + " " + showNumber(e.current, m.unit) + " → " + showNumber(used, m.unit) + "：" + e.kind_name + " " + showNumber(e.amount, "money");
      if (!e.credible) li.className = "bad-text";
      effects.appendChild(li);
    });
    showCredible(p.effects || []);
    if (!(p.effects || []).length) { var none = document.createElement("li"); none.className = "muted"; none.textContent = w("noDrivers"); effects.appendChild(none); }
    var problems = $("[data-projection-problems]");
    problems.innerHTML = "";
    (p.problems || []).forEach(function (text) { var li = document.createElement("li"); li.textContent = text; problems.appendChild(li); });
  }

  // Beside each driver goal: the target that is credible by its deadline, and a warning when
  // the goal asks for more (the projection, and the grade's "feasible" check, use the credible one).
  function showCredible(effects) {
    var byGoal = {};
    effects.forEach(function (e) { if (e.goal) byGoal[e.goal] = e; });
    $all("tr", tbody("goals")).forEach(function (row) {
      var note = $("[data-credible]", row);
      if (!note) return;
      var e = byGoal[($("[data-field=id]", row).value || "").trim()];
      note.className = "muted";
      if (!e) { note.textContent = ""; return; }
      var m = metricByKey[e.metric] || { unit: "ratio" };
      var day = e.deadline ? w("day").replace("{m}", String(parseInt(e.deadline.slice(5, 7), 10))).replace("{d}", String(parseInt(e.deadline.slice(8, 10), 10))) : "";
      var text = (day ? w("credibleBy").replace("{d}", day) : w("credible")).replace("{t}", showNumber(e.credible_target, m.unit));
      if (!e.credible && e.improves) { text = "⚠ " + w("beyond").replace("{t}", showNumber(e.credible_target, m.unit)); note.className = "bad-text"; }
      else if (e.credible && e.improves) text += " ✔";
      if (!e.counted) text += " · " + w("notCounted");
      note.textContent = text;
    });
  }

  function showError(text, list) {
    var box = $("[data-error]", form);
    box.hidden = !text;
    box.textContent = text || "";
    (list || []).forEach(function (item) { var line = document.createElement("div"); line.textContent = "· " + item; box.appendChild(line); });
  }

  // MARK: wiring

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target.getAttribute("data-field") === "baseline") target.removeAttribute("data-auto");
    if (target.getAttribute("data-field") === "id" || target.getAttribute("data-field") === "title") refreshChoices();
    changed();
  });
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.hasAttribute("data-metric")) {
      var row = target.closest("tr");
      showMetric(row, true);
      refreshChoices();
    }
    if (target.hasAttribute("data-import")) return;
    changed();
  });
  form.addEventListener("click", function (event) {
    var target = event.target;
    if (target.hasAttribute("data-add")) { addRow(target.getAttribute("data-add"), {}); changed(); }
    else if (target.hasAttribute("data-remove")) { target.closest("tr").remove(); refreshChoices(); changed(); }
    else if (target.hasAttribute("data-propose")) { proposeMeasures(); changed(); }
    else if (target.hasAttribute("data-use-projection")) {
      if (lastProjection && typeof lastProjection.projected.roi === "number") {
        form.elements.projected_roi.value = String(Math.round(lastProjection.projected.roi * 10000) / 10000);
        changed();
      }
    } else if (target.hasAttribute("data-submit")) submit();
  });

  // One ScoreCard row for every goal that has none yet: same KPI and target, monthly.
  function proposeMeasures() {
    var measured = {};
    rowValues("measures").forEach(function (m) { if (m.goal) measured[m.goal] = true; });
    $all("tr", tbody("measures")).forEach(function (row) {
      var filled = $all("[data-field]", row).some(function (f) { var k = f.getAttribute("data-field"); return k !== "id" && k !== "frequency" && f.value.trim() !== ""; });
      if (!filled) row.remove();
    });
    rowValues("goals").forEach(function (goal) {
      if (!goal.id || measured[goal.id]) return;
      addRow("measures", { goal: goal.id, kpi: goal.metric, target: goal.target, frequency: "monthly" });
    });
    refreshChoices();
  }

  function submit() {
    if (!window.confirm(w("confirmSubmit"))) return;
    var plan = collect();
    showError("");
    var url = submitURL || "/api/me/exercises/" + encodeURIComponent(exercise) + "/submissions";
    // A group's plan: save first, so that what is handed in is the group's merged draft (with the
    // sections others changed), not only what this form shows.
    var ready = version === null ? Promise.resolve(plan) : send("PUT", draftURL, { plan: plan, base_version: version }).then(function (saved) {
      return saved.ok && saved.json.plan ? saved.json.plan : plan;
    });
    ready.then(function (handed) { plan = handed; return send("POST", url, { plan: handed }); }).then(function (answer) {
      if (answer.ok) {
        var body = version === null ? { plan: plan } : { plan: plan, base_version: version };
        return send("PUT", draftURL, body).then(function () { window.location.hash = "report"; window.location.reload(); });
      }
      showError(answer.json.error || String(answer.status), answer.json.format_errors);
    }).catch(function () { showError(w("offline")); });
  }

  if ($("[data-import]", form)) $("[data-import]", form).addEventListener("change", function (event) {
    var file = event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      send("POST", "/api/me/plan/import", { yaml: String(reader.result) }).then(function (answer) {
        if (!answer.ok) { showError(answer.json.error || String(answer.status)); return; }
        showError("");
        load(answer.json.plan);
        changed();
      });
    };
    reader.readAsText(file);
    event.target.value = "";
  });

  // On a phone the projection is a bar at the bottom of the screen: its title opens and closes it.
  var panel = $("[data-test=projection]");
  if (panel) $("h2", panel).addEventListener("click", function () { panel.classList.toggle("open"); });

  load(JSON.parse(document.getElementById("plan-draft").textContent));
  var savedAt = form.getAttribute("data-saved-at");
  saveStatus.textContent = savedAt ? w("saved") + " " + new Date(savedAt).toLocaleString() : "";
  project(collect());
})();
