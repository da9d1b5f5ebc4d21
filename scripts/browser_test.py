"""The class in real browsers (see scripts/browser-test, which starts the server)."""
import argparse
import base64
import csv
import html
import io
import json
import math
import os
import re
import sys
import time
import urllib.error
import urllib.request
from calendar import monthrange
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.support.ui import Select, WebDriverWait

EXERCISE = "quiz-m1-jbp"


WECHAT_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                 "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN")


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={max(width, 500)},{height}", "--lang=zh-CN"):
        options.add_argument(flag)
    if width < 500:
        # Headless Chrome's windows are at least 500 px wide: a phone is emulated (its width, its
        # pixel ratio and WeChat's user agent), as the trainees' phones are.
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 3.0, "touch": True}, "userAgent": WECHAT_IPHONE})
    return webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=options)


def answer_key(root):
    """Question id → right answer(s), read from the exercise's YAML (ids, choices and answers only)."""
    key, current, choices = {}, None, {}
    for line in open(f"{root}/exercises/{EXERCISE}/exercise.yaml", encoding="utf-8"):
        if m := re.match(r"\s*- id: (\S+)", line):
            current = m.group(1)
            choices[current] = []
        elif current and (m := re.match(r"\s{6}([a-z]): ", line)):
            choices[current].append(m.group(1))
        elif current and (m := re.match(r"\s*answer: \[(.*)\]", line)):
            key[current] = [part.strip() for part in m.group(1).split(",")]
        elif current and (m := re.match(r"\s*answer: (\S+)", line)):
            key[current] = [m.group(1)]
    return key, choices


def shot(driver, folder, name, full=True):
    if not full:
        driver.save_screenshot(f"{folder}/{name}.png")
        print(f"  screenshot {name}.png")
        return
    # Full page: grow the window to the document's height for the picture.
    driver.execute_script("window.scrollTo(0, 0)")
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
    size = driver.get_window_size()
    driver.set_window_size(size["width"], max(size["height"], height))
    # The window's height includes the browser's own bars: grow by what the page still lacks.
    short = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000) - window.innerHeight")
    if short > 0:
        driver.set_window_size(size["width"], max(size["height"], height) + short)
    driver.save_screenshot(f"{folder}/{name}.png")
    driver.set_window_size(size["width"], size["height"])
    print(f"  screenshot {name}.png")


def wait_for(driver, css, timeout=15):
    return WebDriverWait(driver, timeout).until(lambda d: d.find_element(By.CSS_SELECTOR, css))


def answer_quiz(driver, key, choices, right):
    form = wait_for(driver, f'[data-test="form-{EXERCISE}"]')
    for question, answers in key.items():
        picks = answers if right else [next(c for c in reversed(choices[question]) if c not in answers)]
        for choice in picks:
            box = form.find_element(By.CSS_SELECTOR, f'[data-test="q-{question}-{choice}"]')
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
    button = form.find_element(By.CSS_SELECTOR, f'[data-test="submit-{EXERCISE}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    return wait_for(driver, f'[data-test="score-{EXERCISE}"]').text


def set_value(driver, element, value):
    """Types into any field (date inputs included) the way a person's edit reaches the page's script."""
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value)


def text_of(driver, css):
    # textContent, not .text: the projection panel may be outside the window.
    try:
        return (driver.find_element(By.CSS_SELECTOR, css).get_attribute("textContent") or "").strip()
    except StaleElementReferenceException:
        # Found just before the page was replaced: the caller's wait asks again.
        return ""


def homework(trainer, session_url, base, folder, check):
    """A trainee drafts a plan in the builder, sees the projection move, hands it in, reads the report,
    prints it, records a check-in and sees the statuses; the trainer reads and comments."""
    print("homework: the trainer opens the plan exercise")
    trainer.get(session_url)
    button = wait_for(trainer, '[data-test="open-plan-homework"]')
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_for(trainer, '[data-test="close-plan-homework"]')
    code = text_of(trainer, '[data-test="join-code"]')

    laptop = browser(1440, 900)
    try:
        laptop.get(f"{base}/join/{code}")
        laptop.find_element(By.NAME, "name").send_keys("陈经理")
        laptop.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait_for(laptop, '[data-test="open-exercise-plan-homework"]').click()
        wait_for(laptop, '[data-test="open-builder-plan-homework"]').click()
        wait_for(laptop, "#plan-builder")
        WebDriverWait(laptop, 15).until(lambda d: text_of(d, '[data-test="projection-roi"]') != "")
        today_roi = text_of(laptop, '[data-test="projection-roi"]')
        check(today_roi != "", f"the builder shows the projection (ROI {today_roi} with no goals)")

        print("  drafting the plan")
        form = laptop.find_element(By.ID, "plan-builder")
        set_value(laptop, form.find_element(By.NAME, "objective"), "与鸿运一起把 ROI 提到 20% 以上：压库存、收账期、补覆盖")
        set_value(laptop, form.find_element(By.NAME, "swot.strengths"), "老板重视\n仓储条件好")
        set_value(laptop, form.find_element(By.NAME, "swot.weaknesses"), "库存偏高\n账期长")
        goal = form.find_elements(By.CSS_SELECTOR, '[data-rows="goals"] tr')[0]
        Select(goal.find_element(By.CSS_SELECTOR, '[data-field="metric"]')).select_by_value("inventory_days")
        baseline = goal.find_element(By.CSS_SELECTOR, '[data-field="baseline"]').get_attribute("value")
        check(baseline != "", f"picking a metric fills the baseline with the case's value ({baseline})")
        set_value(laptop, goal.find_element(By.CSS_SELECTOR, '[data-field="target"]'), "30")
        set_value(laptop, goal.find_element(By.CSS_SELECTOR, '[data-field="deadline"]'), "2026-12-31")
        WebDriverWait(laptop, 15).until(lambda d: text_of(d, '[data-test="projection-roi"]') not in ("", today_roi))
        moved = text_of(laptop, '[data-test="projection-roi"]')
        # 30 days of stock within the year is beyond what 鸿运 can credibly reach (54.9 × 0.6 = 32.9 days).
        WebDriverWait(laptop, 15).until(lambda d: "⚠" in (goal.find_element(By.CSS_SELECTOR, '[data-test="credible"]').get_attribute("textContent") or ""))
        credible = goal.find_element(By.CSS_SELECTOR, '[data-test="credible"]').get_attribute("textContent")
        # h = days from the plan's start to the deadline (both counted) ÷ 365, between 0.5 and 1 (model.md §6).
        start = form.find_element(By.NAME, "period.start").get_attribute("value")
        from datetime import date
        days = (date(2026, 12, 31) - date.fromisoformat(start)).days + 1
        h = min(1, max(0.5, days / 365))
        expected = f"{54.9247606 * (1 - 0.4 * h):.1f}"
        check(expected in credible, f"beside the goal: its credible target by the deadline, {expected} days ({credible})")
        check(moved != today_roi, f"the projected ROI moves as the goal changes ({today_roi} → {moved})")
        form.find_element(By.CSS_SELECTOR, '[data-test="add-goal"]').click()
        second = form.find_elements(By.CSS_SELECTOR, '[data-rows="goals"] tr')[1]
        Select(second.find_element(By.CSS_SELECTOR, '[data-field="metric"]')).select_by_value("dso_days")
        set_value(laptop, second.find_element(By.CSS_SELECTOR, '[data-field="target"]'), "30")
        set_value(laptop, second.find_element(By.CSS_SELECTOR, '[data-field="deadline"]'), "2026-12-31")
        WebDriverWait(laptop, 15).until(lambda d: text_of(d, '[data-test="projection-roi"]') not in ("", moved))
        check(True, f"a second driver goal moves it again ({moved} → {text_of(laptop, '[data-test=projection-roi]')})")
        strategy = form.find_elements(By.CSS_SELECTOR, '[data-rows="strategies"] tr')[0]
        set_value(laptop, strategy.find_element(By.CSS_SELECTOR, '[data-field="title"]'), "库存与账期优化")
        set_value(laptop, strategy.find_element(By.CSS_SELECTOR, '[data-field="goals"]'), "G1, G2")
        set_value(laptop, strategy.find_element(By.CSS_SELECTOR, '[data-field="budget"]'), "80,000")
        task = form.find_elements(By.CSS_SELECTOR, '[data-rows="plans"] tr')[0]
        Select(task.find_element(By.CSS_SELECTOR, '[data-field="strategy"]')).select_by_value("S1")
        for field, value in (("task", "每周库存盘点，清理滞销品"), ("owner", "鸿运仓库主管"), ("resources", "盘点系统"), ("due", "2026-06-30"), ("cost", "20,000")):
            set_value(laptop, task.find_element(By.CSS_SELECTOR, f'[data-field="{field}"]'), value)
        Select(task.find_element(By.CSS_SELECTOR, '[data-field="party"]')).select_by_value("joint")
        WebDriverWait(laptop, 15).until(lambda d: "20,000" in text_of(d, '[data-projection-rows]'))
        check(True, "the distributor's own cost shows in the live projection")
        form.find_element(By.CSS_SELECTOR, '[data-test="propose-measures"]').click()
        measures = form.find_elements(By.CSS_SELECTOR, '[data-rows="measures"] tr')
        check(len(measures) == 2, f"the ScoreCard is proposed from the goals ({len(measures)} measures)")
        for row in measures:
            set_value(laptop, row.find_element(By.CSS_SELECTOR, '[data-field="owner"]'), "鸿运财务")
        form.find_element(By.CSS_SELECTOR, '[data-test="use-projection"]').click()
        WebDriverWait(laptop, 15).until(lambda d: "已保存" in text_of(d, '[data-test="save-status"]'))
        check(True, "the draft is saved as the trainee types")
        shot(laptop, folder, "30-plan-builder")

        print("  the draft comes back on another visit")
        laptop.get(base + "/t/plan")
        restored = wait_for(laptop, '[name="objective"]').get_attribute("value")
        check(restored.startswith("与鸿运一起"), "the draft is restored on reload")

        print("  handing it in")
        submit = wait_for(laptop, '[data-test="submit-plan"]')
        laptop.execute_script("arguments[0].scrollIntoView({block: 'center'})", submit)
        submit.click()
        WebDriverWait(laptop, 5).until(lambda d: d.switch_to.alert).accept()
        score = wait_for(laptop, '[data-test="plan-score"]').text
        checks_shown = laptop.find_elements(By.CSS_SELECTOR, '[data-test="plan-report"] .grade-items li')
        check(len(checks_shown) == 13, f"the graded report lists the thirteen checks (score {score})")
        check(len(laptop.find_elements(By.CSS_SELECTOR, '[data-test="late"]')) == 1, "a plan after the deadline is marked late")
        report = laptop.find_element(By.CSS_SELECTOR, '[data-test="plan-report"]')
        laptop.execute_script("arguments[0].scrollIntoView()", report)
        shot(laptop, folder, "31-plan-report", full=False)
        for index, chart in enumerate(laptop.find_elements(By.CSS_SELECTOR, '[data-test="plan-review"] figure.chart')):
            laptop.execute_script("arguments[0].scrollIntoView()", chart)
            chart.screenshot(f"{folder}/3{2 + index}-chart-{('roi-tree', 'gaps', 'waterfall')[index]}.png")
            print(f"  screenshot 3{2 + index}-chart-{('roi-tree', 'gaps', 'waterfall')[index]}.png")

        print("  the homework pages on a phone (390 px): the same trainee, on the phone")
        phone = browser(390, 844)
        try:
            phone.get(base + "/")
            for cookie in laptop.get_cookies():
                phone.add_cookie({"name": cookie["name"], "value": cookie["value"], "path": "/"})
            for page in ("/t/plan", "/t/plan/scorecard", "/t", "/t/submissions"):
                phone.get(base + page)
                time.sleep(0.5)
                width = phone.execute_script("return document.documentElement.scrollWidth")
                check(width <= 391, f"{page} fits a 390 px phone ({width} px wide)")
                if page == "/t/plan":
                    shot(phone, folder, "38-phone-plan-builder", full=False)
        finally:
            phone.quit()

        print("  the printable plan")
        laptop.get(base + "/t/plan/print")
        wait_for(laptop, '[data-test="printable-plan"]')
        check("库存与账期优化" in laptop.page_source and "ScoreCard" in laptop.page_source, "the printable plan has the OGSPM and the ScoreCard")
        shot(laptop, folder, "35-printable-plan")
        import base64
        with open(f"{folder}/35-printable-plan.pdf", "wb") as out:
            out.write(base64.b64decode(laptop.print_page()))
        print("  printed 35-printable-plan.pdf (A4)")

        print("  a check-in weeks later")
        laptop.get(base + "/t/plan/scorecard")
        set_value(laptop, wait_for(laptop, '[data-test="checkin-date"]'), "2026-06-30")
        set_value(laptop, laptop.find_element(By.CSS_SELECTOR, '[data-test="checkin-M1"]'), "41")
        set_value(laptop, laptop.find_element(By.CSS_SELECTOR, '[data-test="checkin-M2"]'), "52")
        laptop.find_element(By.CSS_SELECTOR, '[data-test="checkin-submit"]').click()
        wait_for(laptop, '[data-test="checkin-2026-06-30"]')
        statuses = [e.text for e in laptop.find_elements(By.CSS_SELECTOR, '[data-test^="status-M"]')]
        check(len(statuses) == 2 and all(s in ("绿灯", "黄灯", "红灯") for s in statuses), f"the ScoreCard shows each measure's status {statuses}")
        check(len(laptop.find_elements(By.CSS_SELECTOR, '[data-test="trend"] svg')) == 2, "a trend chart per measure")
        shot(laptop, folder, "36-scorecard")
        trend = laptop.find_element(By.CSS_SELECTOR, '[data-test="trend"]')
        laptop.execute_script("arguments[0].scrollIntoView()", trend)
        trend.screenshot(f"{folder}/37-chart-trend.png")
        print("  screenshot 37-chart-trend.png")

        print("  the trainer reads the plans and comments on a check")
        trainer.get(session_url + "/plans")
        wait_for(trainer, '[data-test="plans-table"]')
        check(text_of(trainer, '[data-test="plans-submitted"]').startswith("1 /"), "the trainer's plans page counts the plan")
        shot(trainer, folder, "40-trainer-plans")
        trainer.find_element(By.XPATH, "//tr[td[normalize-space()='陈经理']]//a[starts-with(@data-test, 'plan-of-')]").click()
        comment_form = wait_for(trainer, '[data-test="comment-drivers"]')
        comment_form.find_element(By.NAME, "comment").send_keys("驱动目标要覆盖前两大机会：先看覆盖和终端。")
        comment_form.find_element(By.CSS_SELECTOR, "button").click()
        wait_for(trainer, '[data-test="trainer-plan-report"]')
        shot(trainer, folder, "41-trainer-plan")
        laptop.get(base + "/t/plan")
        comment = wait_for(laptop, '[data-test="check-drivers"]').text
        check("先看覆盖和终端" in comment, "the trainee reads the trainer's comment on the check")
        trainer.get(session_url + "/exercises/plan-homework")
        wait_for(trainer, '[data-test="score-histogram"] svg')
        shot(trainer, folder, "42-trainer-dashboard-histogram")
    finally:
        laptop.quit()


def phone_answers(trainer, phone, session_url, base, folder, check):
    """issue 18 on a phone: a unit after a number and a wrong field keep every answer, errors beside
    their fields; Enter moves on without spending an attempt; the grade is in sight; the solution's
    tables render; no trainee page is wider than the phone."""
    print("a trainee's phone: answers are never lost")
    trainer.get(session_url)
    button = wait_for(trainer, '[data-test="open-review-hengda"]')
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_for(trainer, '[data-test="close-review-hengda"]')
    phone.get(base + "/t")
    wait_for(phone, '[data-test="open-exercise-review-hengda"]').click()
    form = wait_for(phone, '[data-test="form-review-hengda"]')
    attempts_before = form.find_element(By.XPATH, ".//p[contains(@class,'muted')]").get_attribute("textContent")
    first = form.find_element(By.CSS_SELECTOR, "input[name^='a.']")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    first.send_keys("0.85")
    first.send_keys(Keys.ENTER)
    time.sleep(0.5)
    focused = phone.execute_script("return document.activeElement.name || ''")
    check(focused != first.get_attribute("name") and "#grade-" not in phone.current_url and "#fix-" not in phone.current_url,
          f"Enter in the first field moves to the next ({focused}) and hands nothing in")
    set_value(phone, form.find_element(By.CSS_SELECTOR, '[data-test="q-inventory_days"]'), "60.1天")
    set_value(phone, form.find_element(By.CSS_SELECTOR, '[data-test="q-roi"]'), "很多")
    button = form.find_element(By.CSS_SELECTOR, '[data-test="submit-review-hengda"]')
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(phone, 5).until(lambda d: d.switch_to.alert)
    asked = phone.switch_to.alert.text
    phone.switch_to.alert.accept()
    check("没有填写" in asked, f"blank questions are asked about before handing in ({asked})")
    error = wait_for(phone, '[data-test="field-error-roi"]')
    check("不是一个数字" in error.text, f"the problem stands beside its field, in Chinese ({error.text})")
    form = wait_for(phone, '[data-test="form-review-hengda"]')
    kept = [form.find_element(By.CSS_SELECTOR, f'[data-test="q-{q}"]').get_attribute("value") for q in ("inventory_days", "roi")]
    check(kept == ["60.1天", "很多"], f"every typed answer is still there after the refusal ({kept})")
    check(form.find_element(By.CSS_SELECTOR, "input[name^='a.']").get_attribute("value") == "0.85", "the first answer is still there too")
    check(form.find_element(By.XPATH, ".//p[contains(@class,'muted')]").get_attribute("textContent") == attempts_before,
          "the refused submission spent no attempt")
    shot(phone, folder, "13-phone-refused-answers-kept", full=False)

    set_value(phone, form.find_element(By.CSS_SELECTOR, '[data-test="q-roi"]'), "9.19%")
    button = form.find_element(By.CSS_SELECTOR, '[data-test="submit-review-hengda"]')
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(phone, 5).until(lambda d: d.switch_to.alert).accept()
    top = wait_for(phone, '[data-test="grade-top-review-hengda"]')
    time.sleep(0.5)
    top_y = phone.execute_script("return arguments[0].getBoundingClientRect().top;", top)
    # Scrolled to the grade's anchor, its top may sit a fraction of a device pixel above the edge.
    check(-1 <= top_y < phone.execute_script("return window.innerHeight;"), f"the grade is in sight without scrolling (its top at {top_y:.1f} px: {top.text[:40]}…)")
    shot(phone, folder, "14-phone-grade-in-sight", full=False)
    again = phone.find_element(By.CSS_SELECTOR, '[data-test="q-inventory_days"]').get_attribute("value")
    check(again == "60.1天", f"a second attempt starts from the previous answers ({again})")
    trainer.get(session_url)
    reveal = wait_for(trainer, '[data-test="reveal-review-hengda"]')
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", reveal)
    reveal.click()
    wait_for(trainer, '[data-test="close-review-hengda"]')
    phone.get(phone.current_url.split("#")[0])
    wait_for(phone, "details.solution")
    tables = phone.find_elements(By.CSS_SELECTOR, "details.solution table")
    pipes = "|---" in phone.find_element(By.TAG_NAME, "body").get_attribute("textContent")
    check(len(tables) >= 3 and not pipes, f"the worked solution shows its tables as tables ({len(tables)}), no raw pipes")
    solution = phone.find_element(By.CSS_SELECTOR, "details.solution")
    phone.execute_script("arguments[0].open = true; arguments[0].scrollIntoView()", solution)
    shot(phone, folder, "15-phone-solution-tables", full=False)
    for page in ("/t", phone.current_url.split("#")[0], "/t/submissions"):
        phone.get(page if page.startswith("http") else base + page)
        time.sleep(0.3)
        width = phone.execute_script("return document.documentElement.scrollWidth")
        check(width <= 391, f"{page.replace(base, '')} fits a 390 px phone ({width} px wide)")


def second_device(trainer, session_url, code, base, folder, check, key, choices):
    """issue 15: a trainee joins on the phone, keeps the re-entry code, answers; a laptop brings back
    the same trainee with the same work through 「我已加入过」; the phone keeps working. Then the
    trainer deletes a rehearsal trainee after the confirmation page, and that phone's cookie stops."""
    print("another device: the same trainee on a laptop with the re-entry code")
    name = "赵丽"
    phone = browser(390, 844)
    laptop = browser(1280, 800)
    rehearsal = browser(390, 844)
    try:
        phone.get(f"{base}/join/{code}")
        phone.find_element(By.NAME, "name").send_keys(name)
        phone.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        once = wait_for(phone, '[data-test="reentry-once"]')
        reentry = text_of(phone, '[data-test="reentry-code"]')
        check(re.fullmatch(r"[A-Z2-9]{8}", reentry) is not None, f"right after joining the page shows the re-entry code {reentry} (8 characters)")
        in_view = phone.execute_script("var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", once)
        check(in_view, "the code after joining is in sight without scrolling")
        check(text_of(phone, '[data-test="reentry-code-always"]') == reentry, "the course page's 「换设备继续学习」 card shows the same code")
        shot(phone, folder, "50-phone-reentry-code", full=False)
        card = phone.find_element(By.ID, "other-device")
        phone.execute_script("arguments[0].scrollIntoView()", card)
        WebDriverWait(phone, 10).until(lambda d: d.execute_script(
            "var i = document.querySelector('#other-device img'); return i.complete && i.naturalWidth > 0;"))
        check(True, "the card's QR code of the re-entry link loads")
        check(f"/rejoin/{code}" in text_of(phone, "#other-device"), "the card gives the re-entry link with the join code")
        check(len(phone.find_elements(By.CSS_SELECTOR, 'a[href="/t/my-data.json"]')) == 1, "the course page links 「下载我的数据」")
        shot(phone, folder, "51-phone-other-device-card", full=False)
        phone.get(base + "/t")
        check(not phone.find_elements(By.CSS_SELECTOR, '[data-test="reentry-once"]'), "the large code shows once: not on the next visit")

        print("  the trainee answers on the phone")
        wait_for(phone, f'[data-test="open-exercise-{EXERCISE}"]').click()
        score = answer_quiz(phone, key, choices, True)
        phone.get(base + "/t/submissions")
        on_phone = [e.get_attribute("textContent").strip() for e in phone.find_elements(By.CSS_SELECTOR, "section.card h2")]
        check(len(on_phone) >= 1, f"the phone's 我的提交 lists the answer ({on_phone[:1]}, score {score})")

        print("  the laptop: 我已加入过")
        laptop.get(f"{base}/join/{code}")
        laptop.find_element(By.CSS_SELECTOR, '[data-test="already-joined"]').click()
        form = wait_for(laptop, "form#rejoin")
        check(laptop.current_url.endswith(f"/rejoin/{code}"), "「我已加入过」 opens the re-entry form of this class")
        form.find_element(By.NAME, "join_code").clear()
        form.find_element(By.NAME, "join_code").send_keys(code)
        form.find_element(By.NAME, "name").send_keys(name)
        wrong = reentry[:-1] + ("2" if reentry[-1] != "2" else "3")
        form.find_element(By.NAME, "reentry_code").send_keys(wrong)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        error = wait_for(laptop, ".error").text
        check("没有找到这位学员" in error, f"a wrong re-entry code is refused in one Chinese sentence ({error[:20]}…)")
        check(laptop.get_cookie("jbp_trainee") is None, "and the laptop is no trainee")
        form = wait_for(laptop, "form#rejoin")
        check(form.find_element(By.NAME, "name").get_attribute("value") == name, "the refused form keeps the name")
        form.find_element(By.NAME, "reentry_code").clear()
        form.find_element(By.NAME, "reentry_code").send_keys(reentry.lower())
        shot(laptop, folder, "52-laptop-rejoin-form")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(laptop, '[data-test="reentry-code-always"]')
        check(laptop.current_url == base + "/t", "the right triple (code typed in small letters) opens the course page")
        check(text_of(laptop, '[data-test="reentry-code-always"]') == reentry, "the laptop's course page shows the same re-entry code")
        check(name in laptop.find_element(By.TAG_NAME, "body").text, f"the laptop is {name}")
        shot(laptop, folder, "53-laptop-same-trainee")
        laptop.get(base + "/t/submissions")
        on_laptop = [e.get_attribute("textContent").strip() for e in laptop.find_elements(By.CSS_SELECTOR, "section.card h2")]
        check(on_laptop == on_phone, f"the laptop's 我的提交 has the same submission ({on_laptop[:1]})")
        shot(laptop, folder, "54-laptop-submissions")
        phone.get(base + "/t/submissions")
        again = [e.get_attribute("textContent").strip() for e in phone.find_elements(By.CSS_SELECTOR, "section.card h2")]
        check(phone.current_url.endswith("/t/submissions") and again == on_phone, "the phone keeps working beside the laptop")
        cookie = laptop.get_cookie("jbp_trainee")["value"]
        request = urllib.request.Request(f"{base}/t/my-data.json", headers={"Cookie": f"jbp_trainee={cookie}"})
        with urllib.request.urlopen(request) as answer:
            data = answer.read().decode("utf-8")
            disposition = answer.headers.get("Content-Disposition", "")
        check(name in data and EXERCISE in data and "attachment" in disposition, "「下载我的数据」 gives a file with the trainee and the answer")

        print("the trainer deletes a rehearsal trainee")
        rehearsal.get(f"{base}/join/{code}")
        rehearsal.find_element(By.NAME, "name").send_keys("排练用")
        rehearsal.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait_for(rehearsal, '[data-test="reentry-code"]')
        their_code = text_of(rehearsal, '[data-test="reentry-code"]')
        rehearsal.find_element(By.CSS_SELECTOR, f'[data-test="open-exercise-{EXERCISE}"]').click()
        answer_quiz(rehearsal, key, choices, False)
        trainer.get(session_url + "/roster")
        wait_for(trainer, "table.grid")
        trainer.find_element(By.XPATH, "//table//a[normalize-space()='排练用']").click()
        shown = text_of(trainer, '[data-test="trainer-reentry-code"]')
        check(shown == their_code, f"the trainee's page shows their re-entry code ({shown})")
        button = trainer.find_element(By.CSS_SELECTOR, '[data-test="reissue"]')
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        # The page reloads after the form: an element found before the reload goes stale, so look again.
        WebDriverWait(trainer, 10, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: text_of(d, '[data-test="trainer-reentry-code"]') not in ("", shown))
        fresh = text_of(trainer, '[data-test="trainer-reentry-code"]')
        check(fresh in trainer.find_element(By.TAG_NAME, "body").text and re.fullmatch(r"[A-Z2-9]{8}", fresh) is not None,
              f"「重新发放换设备码」 gives a new code ({fresh}) and says it")
        rehearsal.get(base + "/t")
        theirs = text_of(rehearsal, '[data-test="reentry-code-always"]')
        check(theirs == fresh, f"the trainee's own page shows the new code ({theirs})")
        trainer.find_element(By.CSS_SELECTOR, '[data-test="delete-trainee"]').click()
        confirm = wait_for(trainer, '[data-test="confirm-delete"]')
        page = trainer.find_element(By.TAG_NAME, "body").text
        check("排练用" in trainer.find_element(By.TAG_NAME, "h1").text and "1 份提交" in page,
              "the confirmation page names the trainee and what goes with them")
        shot(trainer, folder, "55-trainer-confirm-delete")
        confirm.click()
        WebDriverWait(trainer, 10).until(lambda d: d.current_url.endswith("/roster"))
        roster = wait_for(trainer, "table.grid").text
        check("排练用" not in roster and name in roster, "back on the roster: the rehearsal trainee is gone, the others stay")
        check("已删除" in trainer.find_element(By.TAG_NAME, "body").text, "the roster says 已删除")
        shot(trainer, folder, "56-trainer-roster-after-delete")
        rehearsal.get(base + "/t")
        wait_for(rehearsal, 'input[name="join_code"]')
        check(rehearsal.current_url.rstrip("/") == base and rehearsal.find_elements(By.CSS_SELECTOR, 'form[action="/join"]'),
              f"the deleted trainee's phone is back on the join page ({rehearsal.current_url.replace(base, '') or '/'})")
        shot(rehearsal, folder, "57-phone-after-delete", full=False)
    finally:
        for driver in (phone, laptop, rehearsal):
            driver.quit()


def case_figures(path):
    """A course case's figures by the case template's keys (sales.actual, coverage.1.id …), read from
    its YAML: nested mappings and the coverage list, as the case files are written."""
    values, parents, counts = {}, [], {}
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if text.startswith("- "):
            while parents and parents[-1][0] >= indent:
                parents.pop()
            path_key = ".".join(name for _, name in parents)
            counts[path_key] = counts.get(path_key, 0) + 1
            parents.append((indent, str(counts[path_key])))
            indent, text = indent + 2, text[2:]
        name, _, value = text.partition(":")
        while parents and parents[-1][0] >= indent:
            parents.pop()
        value = value.strip().strip('"').strip("'")
        if value:
            values[".".join([n for _, n in parents] + [name.strip()])] = value
        else:
            parents.append((indent, name.strip()))
    return values


def template_rows(root):
    """The case template's rows: (key, unit), in its order (course/downloads/case-template.csv)."""
    text = open(f"{root}/course/downloads/case-template.csv", encoding="utf-8-sig").read()
    rows = [row for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]
    return [(row[0], row[2]) for row in rows[1:]]


def review_figures(driver):
    review = driver.find_element(By.CSS_SELECTOR, '[data-test="plan-review"]')
    title = (review.find_element(By.TAG_NAME, "h2").get_attribute("textContent") or "").strip()
    figures = [(e.get_attribute("textContent") or "").strip() for e in review.find_elements(By.CSS_SELECTOR, ".figure .value")]
    return title, figures


def accept_alert(driver, timeout=2):
    try:
        WebDriverWait(driver, timeout).until(lambda d: d.switch_to.alert).accept()
        return True
    except Exception:
        return False


def own_distributor(trainer, session_url, code, base, folder, check, root):
    """issue 16: the homework on one's own distributor. The trainer hands out plan-own; a trainee on a
    phone enters a distributor by the form (one wrong figure first, refused beside its field), sees
    its review; on a laptop (re-entry code) imports a filled case template instead, sees the review
    change, hands in a plan on it, prints the one-page JBP to PDF and records a check-in; the
    trainer's plans page shows the distributor."""
    print("own distributor: the trainer hands out the homework on one's own distributor")
    trainer.get(session_url)
    for test in ("close-plan-homework", "open-plan-own"):
        button = wait_for(trainer, f'[data-test="{test}"]')
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        wait_for(trainer, f'[data-test="{"open-plan-homework" if test.startswith("close") else "close-plan-own"}"]')
    check(True, "the control room closes 鸿运's plan and opens plan-own")

    name = "孙经理"
    rows = template_rows(root)
    rates = {key for key, unit in rows if unit == "比率"}
    jinxiu = case_figures(f"{root}/exercises/cases/jinxiu-2025.yaml")
    hengda = case_figures(f"{root}/exercises/cases/hengda-2025.yaml")
    unknown = sorted(set(jinxiu) - {key for key, _ in rows})
    check(not unknown, f"every figure of jinxiu-2025 has a row in the case template ({len(jinxiu)} figures{', not ' + str(unknown) if unknown else ''})")
    phone = browser(390, 844)
    laptop = browser(1280, 900)
    try:
        phone.get(f"{base}/join/{code}")
        phone.find_element(By.NAME, "name").send_keys(name)
        phone.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait_for(phone, '[data-test="reentry-code-always"]')
        reentry = text_of(phone, '[data-test="reentry-code-always"]')
        check(len(phone.find_elements(By.CSS_SELECTOR, '[data-test="open-exercise-plan-own"]')) == 1
              and not phone.find_elements(By.CSS_SELECTOR, '[data-test="open-exercise-plan-homework"]'),
              "the course page hands out the plan for one's own distributor, not 鸿运's")
        link = phone.find_element(By.CSS_SELECTOR, '[data-test="my-case-link"]')
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        form = wait_for(phone, 'form[action="/t/my-case"]')
        check(phone.current_url.endswith("/t/my-case"), "「我的经销商」 opens from the course page")
        check(len(phone.find_elements(By.CSS_SELECTOR, '[data-test="data-request"]')) == 1, "the page links the printable 数据清单")
        width = phone.execute_script("return document.documentElement.scrollWidth")
        check(width <= 391, f"/t/my-case fits a 390 px phone ({width} px wide)")

        print("  entering 锦绣 by the form, one figure wrong")
        typed = {}
        for key, value in jinxiu.items():
            if key in rates:
                value = f"{float(value) * 100:g}%"
            typed[key] = value
        typed["sales.actual"] = "一千二百六十万"
        for key, value in typed.items():
            set_value(phone, form.find_element(By.CSS_SELECTOR, f'[data-test="case-{key}"]'), value)
        button = form.find_element(By.CSS_SELECTOR, '[data-test="save-case"]')
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        accept_alert(phone)
        wait_for(phone, '[data-test="case-error"]')
        error = wait_for(phone, '[data-test="field-error-sales.actual"]')
        check(error.text.strip() != "", f"the wrong figure is refused beside its field ({error.text.strip()})")
        check(not phone.find_elements(By.CSS_SELECTOR, '[data-test="plan-review"]'), "nothing is stored: no review yet")
        form = wait_for(phone, 'form[action="/t/my-case"]')
        kept = form.find_element(By.CSS_SELECTOR, '[data-test="case-coverage.2.universe"]').get_attribute("value")
        check(kept == typed["coverage.2.universe"], f"the other figures are still in the form ({kept})")
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
        shot(phone, folder, "60-phone-case-error", full=False)

        set_value(phone, form.find_element(By.CSS_SELECTOR, '[data-test="case-sales.actual"]'), "12,600,000")
        button = form.find_element(By.CSS_SELECTOR, '[data-test="save-case"]')
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        accept_alert(phone)
        wait_for(phone, '[data-test="plan-review"]')
        title, figures = review_figures(phone)
        charts = phone.find_elements(By.CSS_SELECTOR, '[data-test="plan-review"] figure.chart svg')
        check("锦绣" in title and figures and len(charts) == 3, f"saved: the review of the distributor ({title}; {figures[:1]}; {len(charts)} charts)")
        width = phone.execute_script("return document.documentElement.scrollWidth")
        check(width <= 391, f"the review fits a 390 px phone ({width} px wide)")
        phone.execute_script("document.querySelector('[data-test=\"plan-review\"]').scrollIntoView()")
        shot(phone, folder, "61-phone-case-review", full=False)
        phone_sales = figures[:1]

        print("  the same trainee on a laptop imports a filled case template")
        laptop.get(f"{base}/rejoin/{code}")
        rejoin = wait_for(laptop, "form#rejoin")
        rejoin.find_element(By.NAME, "join_code").clear()
        rejoin.find_element(By.NAME, "join_code").send_keys(code)
        rejoin.find_element(By.NAME, "name").send_keys(name)
        rejoin.find_element(By.NAME, "reentry_code").send_keys(reentry)
        rejoin.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(laptop, '[data-test="reentry-code-always"]')
        check(name in laptop.find_element(By.TAG_NAME, "body").text, f"the laptop is {name} (re-entry code {reentry})")
        laptop.get(base + "/t/my-case")
        wait_for(laptop, '[data-test="plan-review"]')
        check("锦绣" in review_figures(laptop)[0], "the laptop shows the distributor entered on the phone")
        cookie = laptop.get_cookie("jbp_trainee")["value"]
        request = urllib.request.Request(f"{base}/t/my-case/template.csv", headers={"Cookie": f"jbp_trainee={cookie}"})
        with urllib.request.urlopen(request) as answer:
            template = answer.read().decode("utf-8-sig")
        filled, seen = [], set()
        for row in csv.reader(io.StringIO(template)):
            if row and len(row) == 5 and row[0] in hengda:
                row[4] = hengda[row[0]]
                seen.add(row[0])
            filled.append(row)
        check(seen == set(hengda), f"the downloaded template has a row for every figure of hengda-2025 ({len(seen)} filled)")
        path = f"{folder}/62-hengda-filled-template.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out, lineterminator="\r\n").writerows(filled)
        upload = laptop.find_element(By.CSS_SELECTOR, '[data-test="case-import"]')
        upload.send_keys(path)
        # The import reloads the page: the review read during the reload may go stale; read again.
        WebDriverWait(laptop, 15, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, '[data-test="plan-review"]') and "恒达" in review_figures(d)[0])
        title, figures = review_figures(laptop)
        check(figures[:1] != phone_sales, f"the import replaces the distributor: the review is now {title} ({phone_sales} → {figures[:1]})")
        laptop.execute_script("document.querySelector('[data-test=\"plan-review\"]').scrollIntoView()")
        shot(laptop, folder, "63-laptop-case-imported", full=False)

        print("  the plan on one's own distributor")
        laptop.get(base + "/t")
        wait_for(laptop, '[data-test="open-exercise-plan-own"]').click()
        wait_for(laptop, '[data-test="open-builder-plan-own"]').click()
        form = wait_for(laptop, "#plan-builder")
        WebDriverWait(laptop, 15).until(lambda d: text_of(d, '[data-test="projection-roi"]') != "")
        set_value(laptop, form.find_element(By.NAME, "objective"), "与恒达一起把 ROI 提到 20%：压库存、收账期")
        set_value(laptop, form.find_element(By.NAME, "swot.strengths"), "现代渠道覆盖好\n业务团队稳定")
        set_value(laptop, form.find_element(By.NAME, "swot.weaknesses"), "库存 60 天\n应收 40 天")
        goals = [("inventory_days", "45"), ("dso_days", "34")]
        baselines = []
        for index, (metric, target) in enumerate(goals):
            if index:
                form.find_element(By.CSS_SELECTOR, '[data-test="add-goal"]').click()
            goal = form.find_elements(By.CSS_SELECTOR, '[data-rows="goals"] tr')[index]
            Select(goal.find_element(By.CSS_SELECTOR, '[data-field="metric"]')).select_by_value(metric)
            baselines.append(goal.find_element(By.CSS_SELECTOR, '[data-field="baseline"]').get_attribute("value"))
            set_value(laptop, goal.find_element(By.CSS_SELECTOR, '[data-field="target"]'), target)
            set_value(laptop, goal.find_element(By.CSS_SELECTOR, '[data-field="deadline"]'), "2026-12-31")
        # 恒达: 1,460,000 of stock at 8,874,000 a year is 60.1 days; 1,118,000 owed on 10,200,000 is 40.0 days.
        check(baselines[0].startswith("60") and baselines[1].startswith("40"),
              f"the baselines are the trainee's distributor's, not 鸿运's ({baselines})")
        strategy = form.find_elements(By.CSS_SELECTOR, '[data-rows="strategies"] tr')[0]
        set_value(laptop, strategy.find_element(By.CSS_SELECTOR, '[data-field="title"]'), "库存与账期优化")
        set_value(laptop, strategy.find_element(By.CSS_SELECTOR, '[data-field="goals"]'), "G1, G2")
        set_value(laptop, strategy.find_element(By.CSS_SELECTOR, '[data-field="budget"]'), "60,000")
        tasks = [("maker", "每月和恒达财务对账，设回款奖励", "厂家区域经理", "2026-06-30", "0"),
                 ("distributor", "每周盘点库存，清理滞销品", "恒达仓库主管", "2026-05-31", "15,000")]
        for index, (party, what, owner, due, cost) in enumerate(tasks):
            if index:
                form.find_element(By.CSS_SELECTOR, '[data-test="add-plan"]').click()
            task = form.find_elements(By.CSS_SELECTOR, '[data-rows="plans"] tr')[index]
            Select(task.find_element(By.CSS_SELECTOR, '[data-field="strategy"]')).select_by_value("S1")
            for field, value in (("task", what), ("owner", owner), ("resources", "对账单、盘点表"), ("due", due), ("cost", cost)):
                set_value(laptop, task.find_element(By.CSS_SELECTOR, f'[data-field="{field}"]'), value)
            Select(task.find_element(By.CSS_SELECTOR, '[data-field="party"]')).select_by_value(party)
        form.find_element(By.CSS_SELECTOR, '[data-test="propose-measures"]').click()
        for row in form.find_elements(By.CSS_SELECTOR, '[data-rows="measures"] tr'):
            set_value(laptop, row.find_element(By.CSS_SELECTOR, '[data-field="owner"]'), "恒达财务")
        form.find_element(By.CSS_SELECTOR, '[data-test="use-projection"]').click()
        WebDriverWait(laptop, 15).until(lambda d: "已保存" in text_of(d, '[data-test="save-status"]'))
        submit = wait_for(laptop, '[data-test="submit-plan"]')
        laptop.execute_script("arguments[0].scrollIntoView({block: 'center'})", submit)
        submit.click()
        WebDriverWait(laptop, 5).until(lambda d: d.switch_to.alert).accept()
        score = wait_for(laptop, '[data-test="plan-score"]').text
        check("恒达" in review_figures(laptop)[0], f"the plan is handed in and graded on the trainee's distributor (score {score})")
        shot(laptop, folder, "64-laptop-own-plan-report")

        print("  the one-page JBP")
        laptop.get(base + "/t/plan/print")
        wait_for(laptop, '[data-test="jbp-link"]').click()
        sheet = wait_for(laptop, '[data-test="jbp-sheet"]')
        parties = [e.text for e in laptop.find_elements(By.CSS_SELECTOR, '[data-test="jbp-party"]')]
        check(len(parties) == 2, f"the JBP groups the commitments by party ({parties})")
        check("恒达" in sheet.text and text_of(laptop, '[data-test="jbp-roi"]') != "", f"the JBP names the distributor and its ROI ({text_of(laptop, '[data-test=jbp-roi]')})")
        check(len(laptop.find_elements(By.CSS_SELECTOR, ".signatures .sign-line")) == 2, "two signature lines")
        shot(laptop, folder, "65-laptop-jbp-sheet")
        import base64
        pdf = base64.b64decode(laptop.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True, "preferCSSPageSize": True})["data"])
        with open(f"{folder}/65-jbp-sheet.pdf", "wb") as out:
            out.write(pdf)
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
        check(pdf.startswith(b"%PDF") and 1 <= pages <= 2, f"printed 65-jbp-sheet.pdf: a PDF of {pages} page(s) on A4")

        print("  a check-in on the ScoreCard")
        laptop.get(base + "/t/plan/scorecard")
        set_value(laptop, wait_for(laptop, '[data-test="checkin-date"]'), "2026-06-30")
        set_value(laptop, laptop.find_element(By.CSS_SELECTOR, '[data-test="checkin-M1"]'), "55")
        set_value(laptop, laptop.find_element(By.CSS_SELECTOR, '[data-test="checkin-M2"]'), "38")
        laptop.find_element(By.CSS_SELECTOR, '[data-test="checkin-submit"]').click()
        wait_for(laptop, '[data-test="checkin-2026-06-30"]')
        statuses = [e.text for e in laptop.find_elements(By.CSS_SELECTOR, '[data-test^="status-M"]')]
        check(len(statuses) == 2 and all(s in ("绿灯", "黄灯", "红灯") for s in statuses), f"the check-in gives each measure a status {statuses}")
        shot(laptop, folder, "66-laptop-own-scorecard")

        print("  the trainer's plans page")
        trainer.get(session_url + "/plans")
        wait_for(trainer, '[data-test="plans-table"]')
        shown = [e.text for e in trainer.find_elements(By.CSS_SELECTOR, '[data-test^="distributor-"]')]
        check(any("恒达" in s for s in shown), f"the trainer sees the trainee's distributor beside the plan ({shown})")
        shot(trainer, folder, "67-trainer-plans-own")

        quarterly_review(trainer, session_url, base, folder, check, laptop, phone, name)
    finally:
        phone.quit()
        laptop.quit()


def add_months(day, months):
    """`day` plus `months` months, cut at the month's last day (as the server's Gregorian calendar adds them)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def plan_quarters(start, end):
    """A plan period's quarters as (number, first day, last day): three months at a time from the
    period's start, the last one cut at its end (at most eight)."""
    quarters, first = [], start
    while first <= end and len(quarters) < 8:
        following = add_months(first, 3)
        quarters.append((len(quarters) + 1, first, min(end, following - timedelta(days=1))))
        first = following
    return quarters


def trainee_api(driver, base, path):
    """The server's JSON answer to `path` for the trainee signed in on `driver`."""
    cookie = driver.get_cookie("jbp_trainee")["value"]
    request = urllib.request.Request(base + path, headers={"Cookie": f"jbp_trainee={cookie}"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read().decode("utf-8"))


def table_rows(element):
    """The cells' texts of each body row of the tables in `element`."""
    return [[(cell.get_attribute("textContent") or "").strip() for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in element.find_elements(By.CSS_SELECTOR, "tbody tr")]


def builder_draft(driver):
    """The plan builder's form once its script has filled it, and the draft it was filled from (#plan-draft)."""
    form = wait_for(driver, "#plan-builder")
    WebDriverWait(driver, 15).until(lambda d: form.find_element(By.NAME, "period.start").get_attribute("value") != "")
    return form, json.loads(text_of(driver, "#plan-draft"))


def quarterly_review(trainer, session_url, base, folder, check, laptop, phone, name):
    """The quarterly business review (季度生意回顾) of the plan just handed in: check-ins on the ScoreCard
    in two quarters of its period (each quarter's later one recorded first), the review by quarter
    (each quarter's last check-in with its statuses, the print button, a 390 px phone with nothing
    wider than it), 「从这份计划开始下一期的计划」 (a draft one period later, baselines the latest
    actuals), and the trainee's latest quarter on the trainer's plans page."""
    print("quarterly review: check-ins in two quarters of the plan's period")
    handed_in = trainee_api(laptop, base, "/api/me/plan")["submitted"]
    start, end = (date.fromisoformat(handed_in["period"][key]) for key in ("start", "end"))
    quarters = plan_quarters(start, end)
    measures = [measure["id"] for measure in handed_in["measures"]]
    (_, q1, _), (_, q2, _) = quarters[:2]
    # In each quarter the check-in dated later is recorded first: the quarter's last is the last by date.
    entries = [(add_months(q2, 1), ("50", "36.5")), (add_months(q1, 1), ("57", "39")), (q2 + timedelta(days=9), ("53", "37"))]
    for day, values in entries:
        laptop.get(base + "/t/plan/scorecard")
        set_value(laptop, wait_for(laptop, '[data-test="checkin-date"]'), day.isoformat())
        for measure, value in zip(measures, values):
            set_value(laptop, laptop.find_element(By.CSS_SELECTOR, f'[data-test="checkin-{measure}"]'), value)
        laptop.find_element(By.CSS_SELECTOR, '[data-test="checkin-submit"]').click()
        wait_for(laptop, f'[data-test="checkin-{day.isoformat()}"]')
    # The server's check-ins (oldest first), each with its measures' actual, expected and status.
    checkins = trainee_api(laptop, base, "/api/me/plan")["checkins"]
    by_date = {c["date"]: {m["id"]: m for m in c["measures"]} for c in checkins}
    stored = [tuple(by_date.get(day.isoformat(), {}).get(m, {}).get("actual") for m in measures) for day, _ in entries]
    typed = [tuple(float(v) for v in values) for _, values in entries]
    check(stored == typed, f"the ScoreCard stores the {len(entries)} check-ins as typed ({', '.join(d.isoformat() for d, _ in entries)}: {stored})")
    cards = {}
    for card in laptop.find_elements(By.CSS_SELECTOR, 'section[data-test^="checkin-"]'):
        day = card.get_attribute("data-test")[len("checkin-"):]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            cards[day] = table_rows(card)
    check(list(cards) == sorted(by_date, reverse=True), f"the ScoreCard lists every check-in, newest first ({list(cards)})")
    shot(laptop, folder, "68-laptop-scorecard-quarters")

    print("  the quarterly review")
    link = laptop.find_element(By.CSS_SELECTOR, '[data-test="quarterly-link"]')
    laptop.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    review = wait_for(laptop, '[data-test="quarterly-review"]')
    check(laptop.current_url == base + "/t/plan/quarters", "the ScoreCard page links the quarterly review")
    in_quarter = {number: sorted(day for day in by_date if first.isoformat() <= day <= last.isoformat()) for number, first, last in quarters}
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    expected = [number for number, first, _ in quarters if in_quarter[number] or first <= today]
    sections = {int(s.get_attribute("data-test").split("-")[1]): s
                for s in review.find_elements(By.CSS_SELECTOR, 'section[data-test^="quarter-"]')}
    check(sorted(sections) == expected,
          f"a section per quarter begun by {today} or with a check-in ({['Q%d' % n for n in sorted(sections)]}; the period {start} — {end})")
    spans = {n: (first.isoformat(), last.isoformat()) for n, first, last in quarters}
    wrong = [n for n, s in sections.items() if f"{spans[n][0]} — {spans[n][1]}" not in s.find_element(By.TAG_NAME, "h2").text]
    check(not wrong, f"each quarter names its three months of the plan's period ({', '.join(f'Q{n} {spans[n][0]} — {spans[n][1]}' for n in sorted(sections))})")
    current = [n for n, s in sections.items() if s.find_elements(By.CSS_SELECTOR, "h2 .badge.on")]
    now = [n for n, first, last in quarters if first <= today <= last]
    check(current == now, f"the quarter of today is marked 本季度 ({current})")
    for number in (1, 2):
        section = sections.get(number)
        days = in_quarter[number]
        if section is None or not days:
            check(False, f"Q{number} shows its check-ins ({days})")
            continue
        last = days[-1]
        # The section's own paragraph and table (the quarter's recorded distributor figures come after, in a div).
        summary = section.find_element(By.XPATH, "./p[contains(., '本季最后一次检查')]")
        table = section.find_element(By.XPATH, "./table")
        rows = table_rows(table)
        check(last in summary.text and f"{len(days)} 次检查" in summary.text and [r[1:] for r in rows] == [r[1:] for r in cards[last]],
              f"Q{number}'s last check-in is {last} of {len(days)} ({days}), with the ScoreCard's figures ({[r[2] for r in rows]})")
        badges = table.find_elements(By.CSS_SELECTOR, "tbody .badge")
        statuses = [next(c[len("status-"):] for c in b.get_attribute("class").split() if c.startswith("status-")) for b in badges]
        wanted = [by_date[last][m]["status"] for m in measures]
        counts = [int(e.text) for e in summary.find_elements(By.CSS_SELECTOR, ".badge")]
        check(statuses == wanted and all(b.text in ("绿灯", "黄灯", "红灯") for b in badges)
              and counts == [wanted.count(s) for s in ("green", "amber", "red")],
              f"Q{number}'s status badges are the check-in's ({[b.text for b in badges]}; green, amber, red {counts})")
    empty = [n for n, s in sections.items() if not in_quarter[n]]
    check(all(not sections[n].find_elements(By.XPATH, "./table")
              and "还没有 ScoreCard 检查" in " ".join(e.text for e in sections[n].find_elements(By.XPATH, "./p[contains(@class, 'muted')]"))
              for n in empty),
          f"a quarter without a check-in says so ({['Q%d' % n for n in empty]})")
    button = review.find_elements(By.CSS_SELECTOR, "button[data-print]")
    check(len(button) == 1 and button[0].is_displayed(), f"the review has its print button ({button[0].text if button else 'none'})")
    shot(laptop, folder, "69-laptop-quarterly-review")

    phone.get(base + "/t/plan/quarters")
    wait_for(phone, '[data-test="quarterly-review"]')
    time.sleep(0.5)
    width = phone.execute_script("return document.documentElement.scrollWidth")
    check(width <= 391, f"/t/plan/quarters fits a 390 px phone ({width} px wide)")
    shot(phone, folder, "70-phone-quarterly-review", full=False)

    print("  the next period's plan from this one")
    button = laptop.find_element(By.CSS_SELECTOR, '[data-test="next-period"]')
    laptop.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(laptop, 15).until(lambda d: d.current_url.split("#")[0] == base + "/t/plan")
    form, draft = builder_draft(laptop)
    flash = text_of(laptop, ".flash")
    check("下一期" in flash, f"「下一期」 opens the plan builder with the new draft ({flash})")
    period = (add_months(start, 12).isoformat(), add_months(end, 12).isoformat())
    shown = tuple(form.find_element(By.NAME, f"period.{key}").get_attribute("value") for key in ("start", "end"))
    check((draft["period"]["start"], draft["period"]["end"]) == period and shown == period,
          f"the draft's period is a year later ({start} — {end} → {shown[0]} — {shown[1]})")
    goal_of = {measure["id"]: measure.get("goal") for measure in handed_in["measures"]}
    latest = {}
    for checkin in checkins:
        for measure in checkin["measures"]:
            if goal_of.get(measure["id"]) and measure.get("actual") is not None:
                latest[goal_of[measure["id"]]] = measure["actual"]
    before = {goal["id"]: goal.get("baseline") for goal in handed_in["goals"]}
    rows = form.find_elements(By.CSS_SELECTOR, '[data-rows="goals"] tr')
    typed_in = {row.find_element(By.CSS_SELECTOR, '[data-field="id"]').get_attribute("value"):
                row.find_element(By.CSS_SELECTOR, '[data-field="baseline"]').get_attribute("value") for row in rows}
    wanted = {goal: latest.get(goal, baseline) for goal, baseline in before.items()}
    got = {goal["id"]: goal.get("baseline") for goal in draft["goals"]}
    check(got == wanted and all(typed_in.get(goal) not in (None, "") and float(typed_in[goal]) == value for goal, value in wanted.items()),
          f"each goal's baseline is the last check-in's actual ({before} → {typed_in})")
    moved = all(goal.get("deadline") == add_months(date.fromisoformat(old["deadline"]), 12).isoformat()
                for goal, old in zip(draft["goals"], handed_in["goals"]) if old.get("deadline"))
    check(moved and draft.get("objective") == handed_in.get("objective"),
          f"the goals' deadlines move a year too and the rest of the plan stays ({[g.get('deadline') for g in draft['goals']]})")
    shot(laptop, folder, "71-laptop-next-period-draft")

    print("  the trainer's plans page: the trainee's latest quarter")
    trainer.get(session_url + "/plans")
    wait_for(trainer, '[data-test="plans-table"]')
    link = trainer.find_element(By.XPATH, f"//tr[td[contains(normalize-space(), '{name}')]]//a[starts-with(@data-test, 'plan-of-')]")
    trainee_id = link.get_attribute("data-test")[len("plan-of-"):]
    newest = max(by_date)
    quarter = next(n for n, first, last in quarters if first.isoformat() <= newest <= last.isoformat())
    badge = trainer.find_elements(By.CSS_SELECTOR, f'[data-test="quarter-of-{trainee_id}"]')
    cell = badge[0].find_element(By.XPATH, "..").text if badge else ""
    check(bool(badge) and badge[0].text == f"Q{quarter}" and newest in cell,
          f"the trainer's plans page shows {name}'s latest quarter beside the last check-in ({cell or 'no badge'}; Q{quarter} expected)")
    shot(trainer, folder, "72-trainer-plans-quarter")


def api(base, method, path, body=None, token=None, cookie=None, accept="application/json"):
    """(status, answer) of one call to the server: JSON answers parsed, others as text; a 4xx is an answer too."""
    headers = {"Accept": accept, "Accept-Language": "zh-CN"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if cookie:
        headers["Cookie"] = cookie
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request) as answer:
            status, text, kind = answer.status, answer.read().decode("utf-8"), answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        status, text, kind = error.code, error.read().decode("utf-8"), error.headers.get("Content-Type", "")
    return status, (json.loads(text) if "json" in kind and text else text)


def countdown(text):
    """The seconds a countdown shows (剩余时间 4:59 → 299); None once it says 时间到 or shows none."""
    m = re.search(r"(\d+):(\d{2})", text or "")
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def session_exercise(base, session_id, token, exercise):
    """The exercise's state as GET /api/sessions/{id} gives it."""
    _, session = api(base, "GET", f"/api/sessions/{session_id}", token=token)
    return next(e for e in session["exercises"] if e["id"] == exercise)


def blank_countdowns(driver):
    """The countdowns on the page with no time to count down to (their data-test, or what they say)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('[data-closes-at]')).filter(function (e) { return !e.getAttribute('data-closes-at'); })"
        ".map(function (e) { return e.getAttribute('data-test') || e.textContent.trim(); });")


def iso_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def timers(trainer, phone, session_url, session_id, base, folder, check, token):
    """Timers: the control room opens an exercise for a few minutes with 「限时开放」 and counts it down;
    an exercise opened by the API for 6 s counts down on a trainee's phone, which sees 时间到 and a
    disabled button at zero; an answer sent anyway is refused with 时间到了, the answers kept."""
    print("timers: the trainer opens an exercise for a few minutes")
    timed = "quiz-m2-review"
    trainer.get(session_url)
    select = Select(wait_for(trainer, f'[data-test="minutes-{timed}"]'))
    minutes = min(int(option.get_attribute("value")) for option in select.options)
    select.select_by_value(str(minutes))
    button = trainer.find_element(By.CSS_SELECTOR, f'[data-test="open-timed-{timed}"]')
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    clicked = time.time()
    button.click()
    wait_for(trainer, f'[data-test="close-{timed}"]')
    state = session_exercise(base, session_id, token, timed)
    lasts = iso_time(state["closes_at"]) - clicked if state.get("closes_at") else None
    check(state["open"] and lasts is not None and abs(lasts - minutes * 60) < 10,
          f"「限时开放」 {minutes} 分钟 opens {timed} until {state.get('closes_at')} ({lasts and round(lasts)} s from the click)")
    first = countdown(text_of(trainer, f'[data-test="timer-{timed}"]'))
    time.sleep(1.2)
    second = countdown(text_of(trainer, f'[data-test="timer-{timed}"]'))
    check(first is not None and second is not None and minutes * 60 - 20 <= second < first <= minutes * 60,
          f"the control room counts it down from {minutes}:00 ({first} s, then {second} s)")
    row = trainer.find_element(By.ID, f"ex-{timed}")
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    shot(trainer, folder, "73-trainer-timed-open", full=False)
    empty = blank_countdowns(trainer)
    check(not empty, f"only the timed exercise shows 剩余时间 in the control room ({len(empty)} without a time: {', '.join(empty[:4])}…)")
    phone.get(f"{base}/t/modules/jbp")
    wait_for(phone, f'[data-test="form-{EXERCISE}"]')
    empty = blank_countdowns(phone)
    check(not empty, f"a trainee's card of an exercise open without a time shows no countdown ({empty})")

    print("  an exercise open for 6 s on a trainee's phone")
    exercise, module = "quiz-m3-plan", "plan"
    status, answer = api(base, "PATCH", f"/api/sessions/{session_id}/exercises/{exercise}", {"open": True, "closes_in": 6}, token=token)
    phone.get(f"{base}/t/modules/{module}")
    timer_css = f'[data-test="timer-{exercise}"]'
    first = countdown(text_of(phone, timer_css)) if phone.find_elements(By.CSS_SELECTOR, timer_css) else None
    mine = next((e for e in trainee_api(phone, base, "/api/me/exercises")["exercises"] if e["id"] == exercise), {})
    closes_at = session_exercise(base, session_id, token, exercise).get("closes_at")
    check(status == 200 and closes_at is not None and mine.get("closes_at") == closes_at,
          f"PATCH {{open: true, closes_in: 6}} opens {exercise}; the trainee's exercises show its closes_at ({mine.get('closes_at')})")
    time.sleep(1.1)
    second = countdown(text_of(phone, timer_css))
    check(first is not None and second is not None and second < first <= 6, f"the trainee's card counts down ({first} s, then {second} s)")
    form = phone.find_element(By.CSS_SELECTOR, f'[data-test="form-{exercise}"]')
    picks = {}
    for question in form.find_elements(By.CSS_SELECTOR, "fieldset.question"):
        box = question.find_elements(By.CSS_SELECTOR, "input[type=radio], input[type=checkbox]")[0]
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
        picks[question.get_attribute("data-question")] = box.get_attribute("value")
    button = form.find_element(By.CSS_SELECTOR, f'[data-test="submit-{exercise}"]')
    WebDriverWait(phone, 15).until(lambda d: "时间到" in text_of(d, timer_css))
    check(not button.is_enabled(), f"at zero the card says {text_of(phone, timer_css)} and its submit button is disabled")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    shot(phone, folder, "74-phone-time-up", full=False)

    print("  an answer after the time")
    cookie = "jbp_trainee=" + phone.get_cookie("jbp_trainee")["value"]
    answers = {qid: ([key] if form.find_element(By.CSS_SELECTOR, f'[data-question="{qid}"] input').get_attribute("type") == "checkbox" else key)
               for qid, key in picks.items()}
    status, answer = api(base, "POST", f"/api/me/exercises/{exercise}/submissions", {"answers": answers}, cookie=cookie)
    error = answer.get("error", "") if isinstance(answer, dict) else str(answer)
    check(status == 409 and "时间到了" in error, f"the API refuses it: {status} {error}")
    phone.execute_script("arguments[0].disabled = false", button)
    button.click()
    notice = wait_for(phone, f'[data-test="error-{exercise}"]')
    check("时间到了" in notice.text, f"the page refuses it in one sentence ({notice.text})")
    form = phone.find_element(By.CSS_SELECTOR, f'[data-test="form-{exercise}"]')
    kept = [qid for qid, key in picks.items() if form.find_element(By.CSS_SELECTOR, f'[data-test="q-{qid}-{key}"]').is_selected()]
    check(len(kept) == len(picks), f"every answer chosen is still in the form ({len(kept)} of {len(picks)})")
    _, stats = api(base, "GET", f"/api/sessions/{session_id}/exercises/{exercise}/stats", token=token)
    check(stats["submissions"] == 0, f"nothing was stored ({stats['submissions']} submissions of {exercise})")
    empty = blank_countdowns(phone)
    check(not empty, f"the closed card shows no countdown left without a time ({empty})")
    phone.execute_script("arguments[0].scrollIntoView({block: 'start'})", notice)
    shot(phone, folder, "75-phone-time-up-refused", full=False)


def groups(trainer, phone, session_url, session_id, base, folder, check, token):
    """Groups and the leaderboard: dealt at random on the groups page, every trainee in exactly one
    group; one trainee moved and a group renamed by hand; the leaderboard shown: the trainee's phone
    names the group and its leaderboard has the API's scores; hidden again: a 404 page."""
    print("groups: the trainer deals the class into groups")
    trainer.get(session_url)
    wait_for(trainer, '[data-test="groups-link"]').click()
    WebDriverWait(trainer, 10).until(lambda d: d.current_url.endswith(f"/trainer/sessions/{session_id}/groups"))
    _, results = api(base, "GET", f"/api/sessions/{session_id}/results", token=token)
    roster = {row["trainee_id"]: row["name"] for row in results["trainees"]}
    select = Select(wait_for(trainer, '[data-test="group-count"]'))
    count = min(int(option.get_attribute("value")) for option in select.options)
    select.select_by_value(str(count))
    trainer.find_element(By.CSS_SELECTOR, '[data-test="deal-groups"]').click()
    WebDriverWait(trainer, 10).until(lambda d: f"{count} 组" in text_of(d, ".flash"))
    _, dealt = api(base, "GET", f"/api/sessions/{session_id}/groups", token=token)
    members = [m for group in dealt["groups"] for m in group["trainee_ids"]]
    check(len(dealt["groups"]) == count and sorted(members) == sorted(roster),
          f"dealt into {count} groups: each of the {len(roster)} trainees in exactly one "
          f"({', '.join(g['name'] + ' ' + str(len(g['trainee_ids'])) for g in dealt['groups'])})")
    sizes = [len(g["trainee_ids"]) for g in dealt["groups"]]
    check(max(sizes) - min(sizes) <= 1, f"the groups are as even as the class allows ({sizes})")
    position = {m: index for index, group in enumerate(dealt["groups"]) for m in group["trainee_ids"]}
    shown = {m: Select(trainer.find_element(By.CSS_SELECTOR, f'[data-test="group-of-{m}"]')).first_selected_option.get_attribute("value")
             for m in roster}
    check(shown == {m: str(p) for m, p in position.items()}, "the page shows each trainee in the group the API says")
    shot(trainer, folder, "76-trainer-groups-dealt")

    print("  one trainee moved and a group renamed by hand")
    source = max(range(count), key=lambda i: len(dealt["groups"][i]["trainee_ids"]))
    target = (source + 1) % count
    moved = dealt["groups"][source]["trainee_ids"][0]
    Select(trainer.find_element(By.CSS_SELECTOR, f'[data-test="group-of-{moved}"]')).select_by_value(str(target))
    renamed = "渠道先锋队"
    set_value(trainer, trainer.find_element(By.CSS_SELECTOR, '[data-test="group-name-0"]'), renamed)
    button = trainer.find_element(By.CSS_SELECTOR, '[data-test="save-groups"]')
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(trainer, 10).until(lambda d: "已保存" in text_of(d, ".flash"))
    _, saved = api(base, "GET", f"/api/sessions/{session_id}/groups", token=token)
    members = [m for group in saved["groups"] for m in group["trainee_ids"]]
    expected = [sorted(set(g["trainee_ids"]) - {moved} | ({moved} if i == target else set())) for i, g in enumerate(dealt["groups"])]
    check([sorted(g["trainee_ids"]) for g in saved["groups"]] == expected and sorted(members) == sorted(roster),
          f"{roster[moved]} moved from group {source + 1} to group {target + 1}, the others stay, each trainee in one group")
    names = [g["name"] for g in saved["groups"]]
    check(names[0] == renamed and names[1:] == [g["name"] for g in dealt["groups"]][1:], f"group 1 renamed ({names})")

    print("  the leaderboard shown")
    trainer.find_element(By.CSS_SELECTOR, '[data-test="show-leaderboard"]').click()
    wait_for(trainer, '[data-test="hide-leaderboard"]')
    check("已公布" in text_of(trainer, '[data-test="leaderboard"] h2'), "the groups page says the leaderboard is shown")
    shot(trainer, folder, "77-trainer-groups-leaderboard")
    mine_id = next(m for m, n in roster.items() if n == "王小明")
    my_group = next(g["name"] for g in saved["groups"] if mine_id in g["trainee_ids"])
    phone.get(base + "/t")
    said = text_of(phone, '[data-test="my-group"]') if phone.find_elements(By.CSS_SELECTOR, '[data-test="my-group"]') else ""
    check(my_group in said, f"the trainee's course page names their group ({said})")
    link = phone.find_element(By.CSS_SELECTOR, '[data-test="leaderboard-link"]')
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    table = wait_for(phone, '[data-test="group-standings"]')
    check(phone.current_url == base + "/t/leaderboard", "the link opens /t/leaderboard")
    rows = [(cells[1], float(cells[3])) for cells in table_rows(table)]
    _, board = api(base, "GET", f"/api/sessions/{session_id}/leaderboard", token=token)
    wanted = [(g["name"], g["score"]) for g in board["groups"]]
    check(len(rows) == len(wanted) and all(n == w and abs(s - v) < 0.01 for (n, s), (w, v) in zip(rows, wanted)),
          f"its group scores are the API's, highest first ({rows})")
    check(all(a >= b for (_, a), (_, b) in zip(rows, rows[1:])), "highest first")
    mine_row = table.find_elements(By.CSS_SELECTOR, "tr.mine")
    check(len(mine_row) == 1 and my_group in mine_row[0].text, f"the trainee's own group is marked ({mine_row[0].text if mine_row else 'none'})")
    width = phone.execute_script("return document.documentElement.scrollWidth")
    check(width <= 391, f"/t/leaderboard fits a 390 px phone ({width} px wide)")
    shot(phone, folder, "78-phone-leaderboard", full=False)

    print("  the leaderboard hidden again")
    trainer.get(session_url + "/groups")
    button = wait_for(trainer, '[data-test="hide-leaderboard"]')
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_for(trainer, '[data-test="show-leaderboard"]')
    phone.get(base + "/t/leaderboard")
    heading = text_of(phone, "h1")
    cookie = "jbp_trainee=" + phone.get_cookie("jbp_trainee")["value"]
    status, _ = api(base, "GET", "/t/leaderboard", cookie=cookie, accept="text/html")
    api_status, _ = api(base, "GET", "/api/me/leaderboard", cookie=cookie)
    check(status == 404 and heading == "404" and "积分榜" in text_of(phone, "body") and api_status == 404,
          f"hidden: /t/leaderboard is a 404 page ({status}, {text_of(phone, '.error')}), /api/me/leaderboard {api_status}")
    shot(phone, folder, "79-phone-leaderboard-hidden", full=False)
    phone.get(base + "/t")
    wait_for(phone, '[data-test="my-group"]')
    check(not phone.find_elements(By.CSS_SELECTOR, '[data-test="leaderboard-link"]'), "and the course page no longer links it")


def settled(read, tries=5):
    """`read()` again when the live part was replaced while it was being read (the screen refreshes every 3 s)."""
    for attempt in range(tries):
        try:
            return read()
        except StaleElementReferenceException:
            if attempt == tries - 1:
                raise
            time.sleep(0.2)


def screen_figures(driver):
    """The exercise screen's answered / joined and each question's correct rate (None for –), by number."""
    return settled(lambda: read_screen_figures(driver))


def read_screen_figures(driver):
    answered = text_of(driver, '[data-test="screen-answered"]')
    m = re.search(r"(\d+)\s*/\s*(\d+)", answered)
    rates = {}
    for article in driver.find_elements(By.CSS_SELECTOR, 'article[data-test^="screen-question-"]'):
        number = int(article.get_attribute("data-test").rsplit("-", 1)[1])
        shown = (article.find_element(By.CSS_SELECTOR, ".screen-rate b").get_attribute("textContent") or "").strip()
        rates[number] = int(shown.rstrip("%")) if shown.rstrip("%").isdigit() else None
    return (int(m.group(1)), int(m.group(2))) if m else None, rates


def stats_rates(stats, questions):
    """Each question's correct rate in whole percent (rounded half up, as the screen shows it), by number."""
    items = {item["id"]: item for item in stats["items"]}
    rate = lambda r: None if r is None else int(math.floor(r * 100 + 0.5))
    return {number: rate(items.get(q, {}).get("correct_rate")) for number, q in enumerate(questions, 1)}


def fits(driver, width):
    return driver.execute_script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)") <= width


def projector_sign_in(screen, base, password):
    """A projector's window: grown until the page itself is 1920×1080 (the window's size includes
    the browser's own bars), signed in as the trainer."""
    inner = screen.execute_script("return [window.innerWidth, window.innerHeight]")
    size = screen.get_window_size()
    screen.set_window_size(size["width"] + 1920 - inner[0], size["height"] + 1080 - inner[1])
    screen.get(base + "/trainer/login")
    screen.find_element(By.NAME, "name").send_keys("trainer")
    screen.find_element(By.NAME, "password").send_keys(password)
    screen.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(screen, 'input[name="title"]')


def big_screen(session_id, code, base, folder, check, password, token, key, choices):
    """The big screen (投影视图) at 1920×1080: the session's screen (QR code, code, joined, what is open)
    and an exercise's (answered of joined, each question's correct rate, as the stats API has them);
    a new answer shows by itself within 6 s, without a reload; the leaderboard appears while shown."""
    print("the big screen at 1920×1080")
    screen = browser(1920, 1080)
    try:
        projector_sign_in(screen, base, password)
        _, joined = api(base, "POST", "/api/join", {"join_code": code, "name": "周主管"})
        newcomer = joined["token"]
        # An exercise counting down while the screens are up (the one opened in the control room may have closed).
        timed_id = "quiz-m2-review"
        api(base, "PATCH", f"/api/sessions/{session_id}/exercises/{timed_id}", {"open": True, "closes_in": 120}, token=token)
        _, session = api(base, "GET", f"/api/sessions/{session_id}", token=token)

        screen.get(f"{base}/trainer/sessions/{session_id}/screen")
        wait_for(screen, '[data-test="screen-qr"] svg')
        inner = screen.execute_script("return [window.innerWidth, window.innerHeight]")
        check(inner == [1920, 1080], f"the screen's window is {inner[0]}×{inner[1]}")
        body = text_of(screen, "body")
        check(text_of(screen, '[data-test="screen-joined"]') == str(session["trainees"]) and code in body,
              f"the session's screen shows the QR code, the join code {code} and {session['trainees']} joined")
        open_titles = [e["title"] for e in session["exercises"] if e["open"]]
        shown = settled(lambda: [(p.get_attribute("textContent") or "").strip() for p in screen.find_elements(By.CSS_SELECTOR, ".screen-open")])
        timed = [e["title"] for e in session["exercises"] if e["open"] and e.get("closes_at")]
        check(len(shown) == len(open_titles) and all(any(t in s for s in shown) for t in open_titles)
              and all(any(t in s and countdown(s) is not None for s in shown) for t in timed),
              f"it lists the {len(open_titles)} exercises open, each timed one with its countdown ({shown})")
        empty = blank_countdowns(screen)
        check(not empty, f"and no 剩余时间 beside one open without a time ({empty})")
        check(fits(screen, 1920), f"the session's screen fits 1920 px ({screen.execute_script('return document.documentElement.scrollWidth')} px wide)")
        height = screen.execute_script("return document.documentElement.scrollHeight")
        print(f"  (the session's screen is {height} px high)")
        shot(screen, folder, "80-screen-session", full=False)

        print("  an exercise's screen")
        questions = list(key)
        screen.get(f"{base}/trainer/sessions/{session_id}/exercises/{EXERCISE}/screen")
        wait_for(screen, '[data-test="screen-answered"]')
        _, stats = api(base, "GET", f"/api/sessions/{session_id}/exercises/{EXERCISE}/stats", token=token)
        answered, rates = screen_figures(screen)
        check(answered == (stats["trainees"], session["trainees"]),
              f"answered of joined {answered}: the stats API's {stats['trainees']} of the session's {session['trainees']}")
        check(rates == stats_rates(stats, questions), f"each question's correct rate is the stats API's ({rates})")
        empty = blank_countdowns(screen)
        check(not empty, f"an exercise open without a time has no countdown on its screen ({empty})")
        check(fits(screen, 1920), f"the exercise's screen fits 1920 px ({screen.execute_script('return document.documentElement.scrollWidth')} px wide)")
        height = screen.execute_script("return document.documentElement.scrollHeight")
        print(f"  (the exercise's screen is {height} px high)")
        shot(screen, folder, "81-screen-exercise", full=False)
        shot(screen, folder, "81-screen-exercise-full")

        print("  one more answer: the screen updates by itself")
        screen.execute_script("window.jbpSamePage = true")
        # Right on the first half of the questions, wrong on the rest: the rates move both ways.
        answers = {}
        for index, (qid, right) in enumerate(key.items()):
            picks = right if index < len(key) / 2 else [next(c for c in reversed(choices[qid]) if c not in right)]
            answers[qid] = picks if len(right) > 1 else picks[0]
        status, graded = api(base, "POST", f"/api/me/exercises/{EXERCISE}/submissions", {"answers": answers}, token=newcomer)
        sent = time.time()
        check(status in (200, 201), f"周主管 answers {EXERCISE} (score {graded.get('score') if isinstance(graded, dict) else graded})")
        WebDriverWait(screen, 10, poll_frequency=0.2).until(lambda d: (screen_figures(d)[0] or (0,))[0] == stats["trainees"] + 1)
        took = time.time() - sent
        _, after = api(base, "GET", f"/api/sessions/{session_id}/exercises/{EXERCISE}/stats", token=token)
        answered, rates = screen_figures(screen)
        same = screen.execute_script("return window.jbpSamePage === true")
        check(took <= 6.5 and same, f"within {took:.1f} s the screen shows {answered[0]} answered, without a reload")
        check(rates == stats_rates(after, questions) and rates != stats_rates(stats, questions),
              f"and the new correct rates, the stats API's ({rates})")
        shot(screen, folder, "82-screen-exercise-updated", full=False)

        print("  the leaderboard on the big screen")
        api(base, "PATCH", f"/api/sessions/{session_id}", {"leaderboard_visible": True}, token=token)
        board_css = '[data-test="screen-leaderboard"] [data-test="group-standings"]'
        WebDriverWait(screen, 10, poll_frequency=0.2).until(lambda d: d.find_elements(By.CSS_SELECTOR, board_css))
        _, board = api(base, "GET", f"/api/sessions/{session_id}/leaderboard", token=token)
        rows = settled(lambda: [(cells[1], float(cells[3])) for cells in table_rows(screen.find_element(By.CSS_SELECTOR, board_css))])
        wanted = [(g["name"], g["score"]) for g in board["groups"]]
        check(len(rows) == len(wanted) and all(n == w and abs(s - v) < 0.01 for (n, s), (w, v) in zip(rows, wanted)),
              f"shown, the leaderboard appears on the screen by itself with the API's group scores ({rows})")
        check(fits(screen, 1920), f"with the leaderboard the screen still fits 1920 px ({screen.execute_script('return document.documentElement.scrollWidth')} px wide)")
        shot(screen, folder, "83-screen-leaderboard", full=False)
        shot(screen, folder, "83-screen-leaderboard-full")
        api(base, "PATCH", f"/api/sessions/{session_id}", {"leaderboard_visible": False}, token=token)
        WebDriverWait(screen, 10, poll_frequency=0.2).until(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-test="screen-leaderboard"]'))
        check(True, "hidden, it leaves the screen by itself")

        print("  a timed exercise's screen")
        screen.get(f"{base}/trainer/sessions/{session_id}/exercises/{timed_id}/screen")
        wait_for(screen, '[data-test="screen-timer"]')
        first = countdown(settled(lambda: text_of(screen, '[data-test="screen-timer"]')))
        time.sleep(1.2)
        second = countdown(settled(lambda: text_of(screen, '[data-test="screen-timer"]')))
        check(first is not None and second is not None and second < first <= 120, f"its countdown ticks ({first} s, then {second} s)")
        sizes = settled(lambda: screen.execute_script(
            "return [arguments[0], arguments[1]].map(function (e) { return parseFloat(getComputedStyle(e).fontSize); })",
            screen.find_element(By.CSS_SELECTOR, '[data-test="screen-timer"]'), screen.find_element(By.CSS_SELECTOR, '[data-test="screen-answered"]')))
        check(sizes[0] >= sizes[1], f"the countdown is at least as large as the answered count, to be read from the back ({sizes[0]:g} px and {sizes[1]:g} px)")
        _, stats = api(base, "GET", f"/api/sessions/{session_id}/exercises/{timed_id}/stats", token=token)
        answered, rates = screen_figures(screen)
        check(answered == (stats["trainees"], session["trainees"]) and fits(screen, 1920),
              f"nobody has answered it yet: {answered}, fits 1920 px")
        shot(screen, folder, "84-screen-exercise-timed", full=False)
    finally:
        screen.quit()


def classroom(trainer, phone, session_url, session_id, code, base, folder, check, password, key, choices):
    """The classroom: timers, groups and the leaderboard, the big screen; the trainer's API token."""
    status, login = api(base, "POST", "/api/trainer/login", {"name": "trainer", "password": password})
    token = login.get("token") if isinstance(login, dict) else None
    check(status == 200 and token, "the trainer signs in to the API (POST /api/trainer/login gives a token)")
    timers(trainer, phone, session_url, session_id, base, folder, check, token)
    groups(trainer, phone, session_url, session_id, base, folder, check, token)
    big_screen(session_id, code, base, folder, check, password, token, key, choices)
    return token


def roleplay_roles(root, exercise):
    """The role-play's roles as its YAML lists them: (id, name, observer) in order, the first the one scored."""
    roles, inside = [], False
    for line in open(f"{root}/exercises/{exercise}/exercise.yaml", encoding="utf-8"):
        if re.match(r"\S", line):
            inside = line.startswith("roles:")
        elif inside and (m := re.match(r"  - id: (\S+)", line)):
            roles.append([m.group(1), None, False])
        elif inside and roles and (m := re.match(r"    name: (.+)", line)):
            roles[-1][1] = m.group(1).strip()
        elif inside and roles and re.match(r"    observer: true", line):
            roles[-1][2] = True
    return [tuple(role) for role in roles]


def card_texts(html_text):
    """The text pieces of a card's HTML (between its tags), unescaped, the short ones left out."""
    return [piece for piece in (html.unescape(p).strip() for p in re.split(r"<[^>]+>", html_text or "")) if len(piece) >= 8]


def beyond_window(driver, element):
    """What in `element` sticks out of the window sideways (tag.class), leaving out what a scrolling box inside the window clips."""
    return driver.execute_script(
        "var w = window.innerWidth;"
        "function clipped(e) { for (var a = e.parentElement; a && a !== document.body; a = a.parentElement) {"
        "  var o = getComputedStyle(a).overflowX; if (o !== 'visible') return a.getBoundingClientRect().right <= w + 1; } return false; }"
        "return Array.from(arguments[0].querySelectorAll('*')).filter(function (e) {"
        " var r = e.getBoundingClientRect(); return r.width > 0 && (r.right > w + 1 || r.left < -1) && !clipped(e); })"
        ".map(function (e) { return e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''); })", element)


def roleplay_shot(driver, folder, name, element):
    """The whole element's picture, however tall: a phone's window cannot grow, so Chrome draws beyond it."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", element)
    box = driver.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];", element)
    picture = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": box[0], "y": box[1], "width": box[2], "height": min(box[3], 6000), "scale": 1}})
    with open(f"{folder}/{name}.png", "wb") as out:
        out.write(base64.b64decode(picture["data"]))
    print(f"  screenshot {name}.png")


def roleplay(trainer, session_url, session_id, code, base, folder, check, token, root):
    """A role-play in a group of three phones: three trainees put into one group by hand, roleplay-vito
    opened and its roles dealt in the control room; each phone shows only its own role's card (the
    owner's secret on the owner's phone only); the observer and the owner mark the player with the
    checklist on their phones, the observer with a comment; the player's phone shows the marks, the
    comment and the mean of the two scores (as GET /api/me/submissions has it); the trainer's dashboard
    shows each item's rate as the stats API has it; the three cards fit 390 px."""
    exercise, module = "roleplay-vito", "sell-in"
    roles = roleplay_roles(root, exercise)
    print(f"role-play: three trainees on phones play {exercise}")
    names = ["钱一鸣", "吴佳", "郑强"]
    phones = [browser(390, 844) for _ in names]
    try:
        for phone, name in zip(phones, names):
            phone.get(f"{base}/join/{code}")
            phone.find_element(By.NAME, "name").send_keys(name)
            phone.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            WebDriverWait(phone, 15).until(lambda d: d.get_cookie("jbp_trainee"))
        cookies = {name: "jbp_trainee=" + phone.get_cookie("jbp_trainee")["value"] for phone, name in zip(phones, names)}
        _, results = api(base, "GET", f"/api/sessions/{session_id}/results", token=token)
        roster = {row["trainee_id"]: row["name"] for row in results["trainees"]}
        ids = {name: next(t for t, n in roster.items() if n == name) for name in names}

        print("  the trainer puts the three into one group by hand, the others into none")
        trainer.get(f"{session_url}/groups")
        wait_for(trainer, '[data-test="save-groups"]')
        for trainee in roster:
            Select(trainer.find_element(By.CSS_SELECTOR, f'[data-test="group-of-{trainee}"]')).select_by_value(
                "0" if trainee in ids.values() else "")
        button = trainer.find_element(By.CSS_SELECTOR, '[data-test="save-groups"]')
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        WebDriverWait(trainer, 10).until(lambda d: "已保存" in text_of(d, ".flash"))
        _, saved = api(base, "GET", f"/api/sessions/{session_id}/groups", token=token)
        filled = [sorted(g["trainee_ids"]) for g in saved["groups"] if g["trainee_ids"]]
        check(filled == [sorted(ids.values())], f"one group of exactly the three ({', '.join(names)}), the other "
              f"{len(roster) - 3} trainees in none ({[(g['name'], len(g['trainee_ids'])) for g in saved['groups']]})")

        print("  the control room opens the role-play and deals its roles")
        trainer.get(session_url)
        button = wait_for(trainer, f'[data-test="open-{exercise}"]')
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        wait_for(trainer, f'[data-test="close-{exercise}"]')
        button = wait_for(trainer, f'[data-test="deal-{exercise}"]')
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        WebDriverWait(trainer, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flash"))
        check(session_exercise(base, session_id, token, exercise)["open"], f"「开放」 opens {exercise}; 「发角色」 says {text_of(trainer, '.flash')}")
        shot(trainer, folder, "85-trainer-roleplay-dealt", full=False)

        views = {}
        for name in names:
            _, mine = api(base, "GET", "/api/me/exercises", cookie=cookies[name])
            views[name] = next((e for e in mine["exercises"] if e["id"] == exercise), {})
        dealt = {name: (view.get("role") or {}).get("name") for name, view in views.items()}
        check(sorted(dealt.values(), key=str) == sorted((r[1] for r in roles), key=str),
              f"each of the three has a different role, the exercise's {len(roles)} ({dealt})")
        by_role = {(views[name].get("role") or {}).get("id"): name for name in names}
        player = by_role.get(roles[0][0])
        observer = by_role.get(next((r for r in roles if r[2]), roles[-1])[0])
        owner_name = next((n for n in names if n not in (player, observer)), None)
        check(views[player].get("is_player") is True and all(views[n].get("is_player") is False for n in names if n != player)
              and all((views[n].get("player") or {}).get("trainee_id") == ids[player] for n in names),
              f"{player} plays {dealt[player]}, the part scored: every view names them the player")
        checklist = views[player].get("checklist") or []
        points = {item["id"]: item["points"] for item in checklist}

        print("  each phone shows its own role's card only")
        owner_card = views[owner_name]["role"]["card_html"]
        public = " ".join(card_texts(views[owner_name].get("prompt_html")))
        others_cards = " ".join(views[n]["role"]["card_html"] for n in names if n != owner_name)
        secret = [piece for piece in card_texts(owner_card) if piece not in public and piece not in others_cards]
        for phone, name in zip(phones, names):
            phone.get(f"{base}/t/modules/{module}")
            section = wait_for(phone, f'[data-test="roleplay-{exercise}"]')
            role_cards = section.find_elements(By.CSS_SELECTOR, '[data-test="role-card"]')
            heading = (role_cards[0].find_element(By.TAG_NAME, "h3").get_attribute("textContent") or "").strip() if role_cards else ""
            check(len(role_cards) == 1 and dealt[name] in heading and all(dealt[n] not in heading for n in names if n != name),
                  f"{name}'s phone shows one role card, their own: {heading}")
            _, page = api(base, "GET", f"/t/modules/{module}", cookie=cookies[name], accept="text/html")
            text = html.unescape(re.sub(r"<[^>]+>", " ", page))
            _, mine = api(base, "GET", "/api/me/exercises", cookie=cookies[name])
            leaked = [piece for piece in secret if piece in text or piece in json.dumps(mine, ensure_ascii=False)]
            if name == owner_name:
                shown = (role_cards[0].find_element(By.CSS_SELECTOR, ".prompt").get_attribute("textContent") or "") if role_cards else ""
                check(owner_card in page and secret and all(piece in shown for piece in secret),
                      f"the owner's card (card_html, {len(secret)} passages only it has) is on {name}'s phone")
            else:
                check(secret and not leaked, f"none of the owner's {len(secret)} passages is in {name}'s page or API view "
                      f"({'leaked: ' + leaked[0][:30] if leaked else 'none'})")
            card_text = (role_cards[0].get_attribute("textContent") or "") if role_cards else ""
            source = re.search(r"\|\s*:?-{3,}:?\s*\|", card_text)
            check(role_cards and source is None, f"{name}'s card shows its Markdown rendered, no source text "
                  f"({'a pipe table as text: ' + source.group(0) if source else 'none'})")
            forms = section.find_elements(By.CSS_SELECTOR, '[data-test="observer-form"]')
            check((len(forms) == 0) == (name == player),
                  f"{name} ({dealt[name]}) {'has no' if name == player else 'has the'} checklist to mark the player with")

        print(f"  {observer} marks {player} (the first item not done), with a comment; {owner_name} marks it all done")
        marks = {observer: {item["id"]: index > 0 for index, item in enumerate(checklist)},
                 owner_name: {item["id"]: True for item in checklist}}
        comment = "后面讲清了代价，刘总点头了；下次第一句就讲他的回报和恒达自己的数字。"
        for name in (observer, owner_name):
            phone = phones[names.index(name)]
            phone.get(f"{base}/t/modules/{module}")
            form = wait_for(phone, f'[data-test="roleplay-{exercise}"] [data-test="observer-form"]')
            for item, done in marks[name].items():
                box = form.find_element(By.CSS_SELECTOR, f'[data-test="m-{item}-{1 if done else 0}"]')
                phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
                box.click()
            if name == observer:
                set_value(phone, form.find_element(By.CSS_SELECTOR, '[data-test="observer-comment"]'), comment)
            button = form.find_element(By.CSS_SELECTOR, '[data-test="submit-observation"]')
            phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            button.click()
            message = wait_for(phone, f'[data-test="roleplay-{exercise}"] [data-test="roleplay-message"]')
            said = (message.get_attribute("textContent") or "").strip()
            check(player in said, f"{name}'s phone confirms the marks: {said}")
            form = wait_for(phone, f'[data-test="roleplay-{exercise}"] [data-test="observer-form"]')
            kept = {item: form.find_element(By.CSS_SELECTOR, f'[data-test="m-{item}-{1 if done else 0}"]').is_selected()
                    for item, done in marks[name].items()}
            check(all(kept.values()), f"and shows the {len(kept)} marks given, to correct them ({sum(kept.values())} kept)")

        print("  the player's phone shows the marks")
        scores = {name: sum(points[item] for item, done in given.items() if done) for name, given in marks.items()}
        expected = sum(scores.values()) / len(scores)
        phone = phones[names.index(player)]
        phone.get(f"{base}/t/modules/{module}")
        board = wait_for(phone, f'[data-test="roleplay-{exercise}"] [data-test="player-marks"]')
        shown = text_of(phone, f'[data-test="roleplay-{exercise}"] [data-test="player-score"]') if board.find_elements(
            By.CSS_SELECTOR, '[data-test="player-score"]') else ""
        check(comment in (board.get_attribute("textContent") or ""), f"{player}'s phone shows {observer}'s comment")
        check(re.fullmatch(r"\d+(\.\d+)?", shown) is not None and abs(float(shown) - expected) < 0.01,
              f"and the score {shown}: the mean of the two observers' {' and '.join('%g' % s for s in scores.values())} "
              f"of {sum(points.values()):g} ({expected:g})")
        # Each item's line under it: 认为做到的观察员 N / M · 得分 X / Y.
        marked = [re.search(r"(\d+)\s*/\s*(\d+)\D+?(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)",
                            li.find_element(By.CSS_SELECTOR, ".muted").get_attribute("textContent") or "")
                  for li in board.find_elements(By.CSS_SELECTOR, "li")]
        rows = [(f"{m.group(1)} / {m.group(2)}", f"{m.group(3)} / {m.group(4)}") if m else ("", "") for m in marked]
        wanted = [(f"{sum(given[item['id']] for given in marks.values())} / {len(marks)}",
                   "%g / %g" % (item["points"] * sum(given[item["id"]] for given in marks.values()) / len(marks), item["points"]))
                  for item in checklist]
        check(rows == wanted, f"each item shows how many of the {len(marks)} observers saw it done and its points "
              f"({'; '.join(' '.join(r) for r in rows[:2])}; …)")
        _, submissions = api(base, "GET", "/api/me/submissions", cookie=cookies[player])
        mine = [s for s in submissions["submissions"] if s["exercise"] == exercise]
        check(len(mine) == 1 and abs(mine[-1]["score"] - expected) < 0.01,
              f"GET /api/me/submissions gives {player} one submission of {exercise}, score {mine[-1]['score'] if mine else None}")

        print("  the three phones' cards")
        role_order = [r[0] for r in roles]
        for phone, name in sorted(zip(phones, names), key=lambda pair: role_order.index(views[pair[1]]["role"]["id"])):
            if name != player:
                phone.get(f"{base}/t/modules/{module}")
            section = wait_for(phone, f'[data-test="roleplay-{exercise}"]')
            width = phone.execute_script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
            wide = beyond_window(phone, section)
            check(width <= 391 and not wide, f"{name}'s page ({dealt[name]}) fits a 390 px phone ({width} px wide"
                  f"{', beyond it: ' + ', '.join(wide[:4]) if wide else ''})")
            role_id = views[name]["role"]["id"]
            roleplay_shot(phone, folder, f"8{6 + role_order.index(role_id)}-phone-roleplay-{role_id}", section)

        print("  the trainer's dashboard: a rate per checklist item")
        trainer.get(f"{session_url}/exercises/{exercise}")
        wait_for(trainer, '[data-test="submissions"]')
        _, stats = api(base, "GET", f"/api/sessions/{session_id}/exercises/{exercise}/stats", token=token)
        rate = lambda r: None if r is None else int(math.floor(r * 100 + 0.5))
        wanted = {item["id"]: rate(item.get("correct_rate")) for item in stats["items"]}
        shown = {item: settled(lambda: text_of(trainer, f'[data-test="rate-{item}"]')) for item in points}
        check(set(wanted) == set(points) and all(shown[i] == ("–" if wanted[i] is None else f"{wanted[i]}%") for i in points),
              f"each of the {len(points)} items shows the stats API's correct rate ({shown})")
        headed = {item["id"]: settled(lambda: (trainer.find_element(By.XPATH, f'//*[@data-test="rate-{item["id"]}"]/ancestor::section[1]')
                                               .find_element(By.TAG_NAME, "h3").get_attribute("textContent") or "").strip())
                  for item in checklist}
        unnamed = [i for i in points if headed[i] != next(item["text"] for item in checklist if item["id"] == i)]
        check(not unnamed, f"each item's rate is headed by its checklist text ({len(unnamed)} of {len(points)} not: "
              f"{', '.join(f'{i} {headed[i]!r}' for i in unnamed[:3])})")
        everyone = [i for i in points if all(given[i] for given in marks.values())]
        check(all(wanted[i] == 100 for i in everyone) and all(wanted[i] is not None and wanted[i] < 100 for i in points if i not in everyone),
              f"100% where both observers marked it done ({len(everyone)} items), less where one did not "
              f"({', '.join(f'{i} {wanted[i]}%' for i in points if i not in everyone)})")
        mean = text_of(trainer, '[data-test="mean"]')
        check(stats.get("submissions") == 1 and mean.startswith("%g" % expected),
              f"one submission, the player's; the dashboard's mean is {mean}")
        shot(trainer, folder, "89-trainer-roleplay-dashboard")
    finally:
        for phone in phones:
            phone.quit()


def workshop_join(driver, base, code, name):
    driver.get(f"{base}/join/{code}")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: d.get_cookie("jbp_trainee"))
    return "jbp_trainee=" + driver.get_cookie("jbp_trainee")["value"]


def open_group_plan(driver, base, exercise, module):
    """The group's plan from the module's page, as a trainee finds it: its 「打开小组计划」 link."""
    driver.get(f"{base}/t/modules/{module}")
    link = wait_for(driver, f'[data-test="open-builder-{exercise}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    WebDriverWait(driver, 15).until(lambda d: d.current_url.split("#")[0] == f"{base}/t/group-plan/{exercise}")
    return wait_for(driver, "#plan-builder")


def wait_saved(driver, timeout=15):
    """Until the builder's autosave says 已保存 and stays so (a later keystroke may still be on its way)."""
    css = '[data-test="save-status"]'
    WebDriverWait(driver, timeout).until(lambda d: "已保存" in text_of(d, css))
    time.sleep(1.0)
    WebDriverWait(driver, timeout).until(lambda d: "已保存" in text_of(d, css))
    return text_of(driver, css)


def within(driver, seconds, condition):
    """Whether `condition` comes true within `seconds` (a check's answer rather than an exception)."""
    try:
        WebDriverWait(driver, seconds).until(condition)
        return True
    except TimeoutException:
        return False


def report_feedback(driver):
    """Each check of the group's report on its page: id → feedback."""
    return {li.get_attribute("data-test")[len("check-"):]: (li.find_element(By.CSS_SELECTOR, ".muted").get_attribute("textContent") or "").strip()
            if li.find_elements(By.CSS_SELECTOR, ".muted") else ""
            for li in driver.find_elements(By.CSS_SELECTOR, '[data-test="plan-report"] li[data-test^="check-"]')}


def workshop(trainer, session_url, session_id, code, base, folder, check, token):
    """The day-2 plan workshop: two trainees (a phone and a laptop) in one group, a third in another;
    plan-workshop opened in the control room. Member 1 writes the objective and a goal, member 2 (whose
    page was opened on the older version) a strategy at the same time: both saves kept, the edit log
    names who changed which sections, member 2 is told and loads member 1's edits. Member 2 hands the
    plan in for both (one score for each), then the other group reviews it check by check with a
    comment, which the first group reads on its page."""
    exercise, module = "plan-workshop", "plan"
    print(f"plan workshop: two trainees write {exercise} together, a third group reviews it")
    names = ["冯晓", "何宁", "蒋涛"]
    member1, member2, other = browser(390, 844), browser(1440, 900), browser(390, 844)
    drivers = [member1, member2, other]
    try:
        cookies = {name: workshop_join(driver, base, code, name) for driver, name in zip(drivers, names)}
        _, results = api(base, "GET", f"/api/sessions/{session_id}/results", token=token)
        roster = {row["trainee_id"]: row["name"] for row in results["trainees"]}
        ids = {name: next(t for t, n in roster.items() if n == name) for name in names}

        print(f"  the trainer puts {names[0]} and {names[1]} into one group, {names[2]} into another, the others into none")
        trainer.get(f"{session_url}/groups")
        wait_for(trainer, '[data-test="save-groups"]')
        place = {ids[names[0]]: "0", ids[names[1]]: "0", ids[names[2]]: "1"}
        for trainee in roster:
            Select(trainer.find_element(By.CSS_SELECTOR, f'[data-test="group-of-{trainee}"]')).select_by_value(place.get(trainee, ""))
        button = trainer.find_element(By.CSS_SELECTOR, '[data-test="save-groups"]')
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        WebDriverWait(trainer, 10).until(lambda d: "已保存" in text_of(d, ".flash"))
        _, saved = api(base, "GET", f"/api/sessions/{session_id}/groups", token=token)
        filled = [sorted(g["trainee_ids"]) for g in saved["groups"] if g["trainee_ids"]]
        check(filled == [sorted([ids[names[0]], ids[names[1]]]), [ids[names[2]]]],
              f"two groups: {names[0]} and {names[1]}, and {names[2]}; the other {len(roster) - 3} trainees in none "
              f"({[(g['name'], len(g['trainee_ids'])) for g in saved['groups']]})")
        ours = next(g["name"] for g in saved["groups"] if ids[names[0]] in g["trainee_ids"])
        theirs = next(g["name"] for g in saved["groups"] if ids[names[2]] in g["trainee_ids"])

        trainer.get(session_url)
        button = wait_for(trainer, f'[data-test="open-{exercise}"]')
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        wait_for(trainer, f'[data-test="close-{exercise}"]')
        check(session_exercise(base, session_id, token, exercise)["open"], f"「开放」 in the control room opens {exercise}")

        print(f"  {names[1]} opens the group's plan on a laptop, then {names[0]} on a phone")
        form2 = open_group_plan(member2, base, exercise, module)
        opened_on = form2.get_attribute("data-version")
        form1 = open_group_plan(member1, base, exercise, module)
        said = text_of(member1, '[data-test="group-of-plan"]')
        check(ours in said and names[0] in said and names[1] in said, f"the page names the group and its members ({said})")
        check(opened_on == "0" and form1.get_attribute("data-version") == "0", f"both open the draft before anyone saved (version {opened_on})")

        print(f"  {names[0]} writes the objective and a goal")
        objective = "和瑞丰一起把 ROI 提上去：先压库存、收账期，放出现金再开新网点"
        set_value(member1, form1.find_element(By.CSS_SELECTOR, '[data-test="objective"]'), objective)
        metrics = json.loads(member1.execute_script("return document.getElementById('plan-metrics').textContent"))
        metric = next(m for m in metrics if m.get("driver") and isinstance(m.get("current"), (int, float)) and m["current"] > 0)
        target = round(metric["current"] * (0.9 if metric.get("better") == "lower" else 1.1), 2 if metric["current"] > 5 else 4)
        goal = form1.find_elements(By.CSS_SELECTOR, '[data-rows="goals"] tr')[0]
        set_value(member1, goal.find_element(By.CSS_SELECTOR, '[data-field="metric"]'), metric["key"])
        set_value(member1, goal.find_element(By.CSS_SELECTOR, '[data-field="target"]'), str(target))
        deadline = form1.find_element(By.CSS_SELECTOR, '[data-test="period-end"]').get_attribute("value")
        set_value(member1, goal.find_element(By.CSS_SELECTOR, '[data-field="deadline"]'), deadline)
        baseline = goal.find_element(By.CSS_SELECTOR, '[data-field="baseline"]').get_attribute("value")
        status1 = wait_saved(member1)
        check(baseline != "" and "已保存" in status1, f"{names[0]}'s goal on {metric['key']} ({metric['name']}, baseline {baseline} filled from the case, "
              f"target {target} by {deadline}) is saved as typed ({status1})")

        print(f"  {names[1]}, still on version {opened_on}, writes a strategy")
        strategy = "库存周转与账期改善"
        row = form2.find_elements(By.CSS_SELECTOR, '[data-rows="strategies"] tr')[0]
        set_value(member2, row.find_element(By.CSS_SELECTOR, '[data-field="title"]'), strategy)
        set_value(member2, row.find_element(By.CSS_SELECTOR, '[data-field="goals"]'), "G1")
        set_value(member2, row.find_element(By.CSS_SELECTOR, '[data-field="budget"]'), "60,000")
        status2 = wait_saved(member2)
        check("已保存" in status2, f"{names[1]}'s strategy is saved as typed ({status2})")
        others_css = '[data-test="others-edited"]'
        told = within(member1, 12, lambda d: d.find_element(By.CSS_SELECTOR, others_css).is_displayed() and names[1] in text_of(d, others_css))
        check(told, f"{names[0]}'s page, open meanwhile, is told of {names[1]}'s edit by itself ({text_of(member1, others_css) or 'nothing'})")

        _, draft = api(base, "GET", f"/api/me/group-plan/{exercise}", cookie=cookies[names[0]])
        plan = draft.get("plan") or {}
        goals, strategies = plan.get("goals") or [], plan.get("strategies") or []
        check(plan.get("objective") == objective and goals and goals[0].get("metric") == metric["key"]
              and abs(float(goals[0].get("target", "nan")) - target) < 1e-9 and strategies and strategies[0].get("title") == strategy,
              f"GET /api/me/group-plan/{exercise} has both edits in its plan (version {draft.get('version')}): "
              f"{names[0]}'s objective and goal {goals[0].get('metric') if goals else None}, {names[1]}'s strategy "
              f"{strategies[0].get('title') if strategies else None}")
        edits = draft.get("edits") or []
        changed = {name: sorted({s for e in edits if e.get("trainee_id") == ids[name] for s in e.get("sections") or []}) for name in names[:2]}
        check(all(e.get("name") == roster.get(e.get("trainee_id")) for e in edits)
              and {"objective", "goals"} <= set(changed[names[0]]) and "strategies" not in changed[names[0]]
              and "strategies" in changed[names[1]] and not {"objective", "goals"} & set(changed[names[1]]),
              f"its {len(edits)} edits name who changed which sections: {names[0]} {changed[names[0]]}, {names[1]} {changed[names[1]]}")
        check([e.get("version") for e in edits] == list(range(1, len(edits) + 1)) and draft.get("version") == len(edits),
              f"one version an edit, the latest {draft.get('version')}")

        print(f"  {names[1]}'s page offers {names[0]}'s edits")
        shown_notice = within(member2, 10, lambda d: d.find_element(By.CSS_SELECTOR, others_css).is_displayed())
        notice = text_of(member2, others_css)
        check(shown_notice and names[0] in notice, f"{names[1]}'s page shows the notice: {notice}")
        notice_box = member2.find_element(By.CSS_SELECTOR, '[data-test="others-edited"]')
        member2.execute_script("arguments[0].scrollIntoView({block: 'center'})", notice_box)
        shot(member2, folder, "90-laptop-workshop-others-edited", full=False)
        loaded = member2.find_element(By.CSS_SELECTOR, '[data-test="load-others"]')
        loaded.click()
        goal2 = form2.find_elements(By.CSS_SELECTOR, '[data-rows="goals"] tr')[0]
        got = (goal2.find_element(By.CSS_SELECTOR, '[data-field="metric"]').get_attribute("value"),
               goal2.find_element(By.CSS_SELECTOR, '[data-field="target"]').get_attribute("value"))
        kept = form2.find_elements(By.CSS_SELECTOR, '[data-rows="strategies"] tr')[0].find_element(By.CSS_SELECTOR, '[data-field="title"]').get_attribute("value")
        check(got[0] == metric["key"] and got[1] != "" and abs(float(got[1]) - target) < 1e-9 and kept == strategy
              and form2.find_element(By.CSS_SELECTOR, '[data-test="objective"]').get_attribute("value") == objective,
              f"「载入组员的修改」 brings {names[0]}'s objective and goal ({got[0]} → {got[1]}) into {names[1]}'s form, "
              f"its own strategy kept ({kept})")
        check(not member2.find_element(By.CSS_SELECTOR, '[data-test="others-edited"]').is_displayed(), "and the notice goes")

        print("  the edit log on a reload")
        member2.get(f"{base}/t/group-plan/{exercise}")
        log = wait_for(member2, '[data-test="edit-log"]')
        lines = [(li.get_attribute("textContent") or "").strip() for li in log.find_elements(By.CSS_SELECTOR, "li")]
        wanted = [f"#{e['version']} {e['name']}" for e in reversed(edits[-12:])]
        check(len(lines) == len(wanted) and all(line.startswith(w) for line, w in zip(lines, wanted))
              and any(names[0] in line for line in lines) and any(names[1] in line for line in lines),
              f"the edit log lists the {len(wanted)} edits newest first, naming both ({'; '.join(lines[:3])})")
        raw = sorted({k for e, line in zip(reversed(edits[-12:]), lines) for k in e.get("sections") or []
                      if re.search(rf"(?<![A-Za-z]){re.escape(k)}(?![A-Za-z])", line)})
        check(not raw, f"and names the sections in the builder's words, no plan key as is ({', '.join(raw) if raw else 'none'})")
        member2.execute_script("arguments[0].scrollIntoView({block: 'start'})", log)
        shot(member2, folder, "91-laptop-workshop-edit-log", full=False)
        member1.get(f"{base}/t/group-plan/{exercise}")
        wait_for(member1, "#plan-builder")
        width = member1.execute_script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        wide = beyond_window(member1, member1.find_element(By.TAG_NAME, "main") if member1.find_elements(By.TAG_NAME, "main")
                             else member1.find_element(By.TAG_NAME, "body"))
        check(width <= 391 and not wide, f"the group's plan fits a 390 px phone ({width} px wide"
              f"{', beyond it: ' + ', '.join(wide[:4]) if wide else ''})")
        shot(member1, folder, "92-phone-workshop-plan", full=False)

        print(f"  {names[1]} hands the plan in for the group")
        submit = wait_for(member2, '[data-test="submit-plan"]')
        member2.execute_script("arguments[0].scrollIntoView({block: 'center'})", submit)
        submit.click()
        WebDriverWait(member2, 5).until(lambda d: d.switch_to.alert).accept()
        report = wait_for(member2, '[data-test="plan-report"]')
        shown = text_of(member2, '[data-test="plan-score"]')
        mine = {}
        for name in names:
            _, submissions = api(base, "GET", "/api/me/submissions", cookie=cookies[name])
            mine[name] = [s for s in submissions["submissions"] if s["exercise"] == exercise]
        scores = [s["score"] for name in names[:2] for s in mine[name]]
        check(len(mine[names[0]]) == 1 and len(mine[names[1]]) == 1 and len(set(scores)) == 1
              and re.fullmatch(r"\d+(\.\d+)?", shown) is not None and abs(float(shown) - scores[0]) < 0.01,
              f"GET /api/me/submissions gives each member one submission of {exercise} with the same score ({scores}), "
              f"the one the report shows ({shown})")
        check(not mine[names[2]], f"{names[2]}, in the other group, has none ({len(mine[names[2]])})")
        member2.execute_script("arguments[0].scrollIntoView({block: 'start'})", report)
        shot(member2, folder, "93-laptop-workshop-report", full=False)
        member1.get(f"{base}/t/group-plan/{exercise}")
        wait_for(member1, '[data-test="plan-report"]')
        other_shown = text_of(member1, '[data-test="plan-score"]')
        check(other_shown == shown, f"{names[0]}'s page shows the same report ({other_shown})")
        own_feedback = report_feedback(member1)

        print(f"  {names[2]}'s group reviews it")
        open_group_plan(other, base, exercise, module)
        link = wait_for(other, '[data-test="review-link"]')
        other.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        reviewed = wait_for(other, '[data-test="reviewed-plan"]')
        check(other.current_url == f"{base}/t/group-plan/{exercise}/review" and ours in text_of(other, "h1"),
              f"the review page is {names[2]}'s group's review of {ours} ({text_of(other, 'h1')})")
        body = reviewed.get_attribute("textContent") or ""
        check(objective in body and strategy in body, f"it shows the plan handed in, with both members' edits (objective, strategy {strategy})")
        form = other.find_element(By.CSS_SELECTOR, '[data-test="review-form"]')
        _, to_review = api(base, "GET", f"/api/me/group-plan/{exercise}/review", cookie=cookies[names[2]])
        items = ((to_review or {}).get("grade") or {}).get("items") or []
        fieldsets = form.find_elements(By.CSS_SELECTOR, "fieldset")
        found = [fs.find_element(By.CSS_SELECTOR, '[data-test^="agree-"]').get_attribute("data-test")[len("agree-"):] for fs in fieldsets]
        check(found == [item["id"] for item in items] and all(form.find_elements(By.CSS_SELECTOR, f'[data-test="disagree-{i}"]') for i in found),
              f"the review form has an agree and a disagree for each of the {len(items)} checks GET …/review gives")
        legends = {i: fs.find_element(By.TAG_NAME, "legend") for i, fs in zip(found, fieldsets)}
        # Each check's feedback stands under its legend (a legend holds only the check's name and verdict).
        feedback = {i: (fs.find_element(By.CSS_SELECTOR, "p.muted").get_attribute("textContent") or "").strip() for i, fs in zip(found, fieldsets)}
        differs = [i for i in found if feedback[i] != own_feedback.get(i)]
        check(not differs, f"the reviewers read each check's feedback as the reviewed group's own report has it, nothing it withholds "
              f"({len(differs)} of {len(found)} differ{': ' + ', '.join(differs) if differs else ''}"
              f"{'; ' + differs[0] + ' here ' + repr(feedback[differs[0]][:60]) + ', on their page ' + repr(own_feedback.get(differs[0], '')[:60]) if differs else ''})")
        expected = [item["id"] for item in items if item.get("expected") is not None]
        check(not expected, f"GET …/review gives the reviewing group (not handed in) no expected values "
              f"({len(expected)} checks have one{': ' + ', '.join(expected[:4]) if expected else ''})")

        disagree = found[0]
        disagree_name = (legends[disagree].find_element(By.TAG_NAME, "b").get_attribute("textContent") or "").strip()
        for index, check_id in enumerate(found):
            box = form.find_element(By.CSS_SELECTOR, f'[data-test="{"disagree" if index == 0 else "agree"}-{check_id}"]')
            other.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        comment = "只有一个目标，行动计划和 ScoreCard 还空着：先把 OGSPM 补齐，再看推算的 ROI。"
        set_value(other, form.find_element(By.CSS_SELECTOR, '[data-test="review-comment"]'), comment)
        width = other.execute_script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        wide = beyond_window(other, form)
        check(width <= 391 and not wide, f"the review page fits a 390 px phone ({width} px wide{', beyond it: ' + ', '.join(wide[:4]) if wide else ''})")
        roleplay_shot(other, folder, "94-phone-workshop-review-form", form)
        button = form.find_element(By.CSS_SELECTOR, '[data-test="send-review"]')
        other.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        WebDriverWait(other, 10).until(lambda d: d.current_url.split("#")[0] == f"{base}/t/group-plan/{exercise}" and d.find_elements(By.CSS_SELECTOR, ".flash"))
        check(True, f"sent, {names[2]}'s page says {text_of(other, '.flash')}")

        print(f"  {ours} reads the review")
        member1.get(f"{base}/t/group-plan/{exercise}")
        received = wait_for(member1, '[data-test="reviews-received"]')
        quotes = received.find_elements(By.TAG_NAME, "blockquote")
        said = (quotes[0].get_attribute("textContent") or "").strip() if quotes else ""
        by = (quotes[0].find_element(By.TAG_NAME, "b").get_attribute("textContent") or "").strip() if quotes else ""
        count = re.search(r"(\d+)", said[len(by):])
        check(len(quotes) == 1 and by == theirs and comment in said, f"{names[0]}'s page shows {theirs}'s review with its comment ({said[:40]}…)")
        check(count is not None and int(count.group(1)) == len(found) - 1 and disagree_name in said,
              f"and what it agreed with ({count.group(1) if count else None} of {len(found)} checks) and not ({disagree_name})")
        width = member1.execute_script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        check(width <= 391, f"the page with the report and the review fits a 390 px phone ({width} px wide)")
        roleplay_shot(member1, folder, "95-phone-workshop-reviews-received", received)
        roleplay_shot(member1, folder, "95-phone-workshop-report", member1.find_element(By.CSS_SELECTOR, '[data-test="plan-report"]'))
    finally:
        for driver in drivers:
            driver.quit()


def module_ids(root):
    """The course's module ids in teaching order, from course.yaml and each module's front matter."""
    files = [m.group(1) for line in open(f"{root}/course/course.yaml", encoding="utf-8") if (m := re.match(r"\s+- (\S+\.md)", line))]
    ids = []
    for name in files:
        for line in open(f"{root}/course/{name}", encoding="utf-8"):
            if m := re.match(r"id: (\S+)", line):
                ids.append(m.group(1))
                break
    return ids


def exercise_kind(root, exercise):
    for line in open(f"{root}/exercises/{exercise}/exercise.yaml", encoding="utf-8"):
        if m := re.match(r"kind: (\S+)", line):
            return m.group(1)
    return None


def quiz_explanations(root):
    """Every quiz question's explanation (the answer key's reasoning), as its YAML has it."""
    found = []
    for exercise in sorted(os.listdir(f"{root}/exercises")):
        path = f"{root}/exercises/{exercise}/exercise.yaml"
        if exercise == "cases" or not os.path.exists(path) or exercise_kind(root, exercise) != "quiz":
            continue
        found += [(exercise, m.group(1).strip()) for line in open(path, encoding="utf-8") if (m := re.match(r"\s+explain: (.+)", line))]
    return found


def private_card_lines(root):
    """Each role-play's role cards, line by line without their Markdown, leaving out what its public prompt or the
    course's modules also say."""
    found = []
    plain = lambda text: re.sub(r"\*\*|^\s*([-*]|\d+\.) ", "", text, flags=re.M).strip()
    course = "".join(plain(open(f"{root}/course/{name}", encoding="utf-8").read()) for name in sorted(os.listdir(f"{root}/course")) if name.endswith(".md"))
    for exercise in sorted(os.listdir(f"{root}/exercises")):
        path = f"{root}/exercises/{exercise}/exercise.yaml"
        if exercise == "cases" or not os.path.exists(path) or exercise_kind(root, exercise) != "roleplay":
            continue
        prompt = plain(open(f"{root}/exercises/{exercise}/prompt.md", encoding="utf-8").read()) if os.path.exists(
            f"{root}/exercises/{exercise}/prompt.md") else ""
        inside = False
        for line in open(path, encoding="utf-8"):
            if re.match(r"\s*card: \|", line):
                inside = True
            elif inside and (line.startswith("      ") or not line.strip()):
                piece = plain(line)
                if len(piece) >= 12 and piece not in prompt and piece not in course:
                    found.append((exercise, piece))
            else:
                inside = False
    return found


def workbook(phone, base, folder, check, root):
    """The participant workbook (学员手册) for a trainee on a laptop: every module, no quiz explanation
    and no role card from the exercises' files; printed to an A4 PDF of many pages."""
    print("the workbook: a trainee prints it on a laptop")
    laptop = browser(1440, 900)
    try:
        laptop.get(base + "/")
        for cookie in phone.get_cookies():
            laptop.add_cookie({"name": cookie["name"], "value": cookie["value"], "path": "/"})
        laptop.get(base + "/t")
        link = wait_for(laptop, '[data-test="workbook-link"]')
        laptop.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        book = wait_for(laptop, '[data-test="workbook"]')
        check(laptop.current_url == base + "/t/workbook", f"the course page's 「学员手册」 link opens /t/workbook")
        modules = module_ids(root)
        sections = [e.get_attribute("data-test")[len("wb-module-"):] for e in book.find_elements(By.CSS_SELECTOR, '[data-test^="wb-module-"]')]
        check(sections == modules, f"it has a section for each of the course's {len(modules)} modules, in order ({', '.join(sections)})")
        text = book.get_attribute("textContent") or ""
        explanations = quiz_explanations(root)
        shown = [(e, x) for e, x in explanations if x in text]
        check(explanations and not shown, f"none of the {len(explanations)} quiz explanations of exercises/*/exercise.yaml is in it "
              f"({'found: ' + shown[0][0] + ' ' + shown[0][1][:30] if shown else 'none'})")
        cards = private_card_lines(root)
        shown = [(e, x) for e, x in cards if x in text]
        check(cards and not shown, f"nor any of the {len(cards)} lines of the role-plays' private role cards "
              f"({'found: ' + shown[0][0] + ' ' + shown[0][1][:30] if shown else 'none'})")
        check(fits(laptop, 1440), f"it fits the laptop's window ({laptop.execute_script('return document.documentElement.scrollWidth')} px wide)")
        shot(laptop, folder, "96-laptop-workbook", full=False)
        pdf = base64.b64decode(laptop.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True, "preferCSSPageSize": True})["data"])
        with open(f"{folder}/96-workbook.pdf", "wb") as out:
            out.write(pdf)
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
        check(pdf.startswith(b"%PDF") and pages > 20, f"printed 96-workbook.pdf: a PDF of {pages} pages on A4")
        # The first printed page (the cover: the first module starts a new page) as print media draws it, at an
        # A4 page's width (210 mm at 96 px an inch).
        laptop.set_window_size(794, 1123)
        laptop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        top = laptop.execute_script("var m = document.querySelector('.wb-module'); return m ? m.getBoundingClientRect().top + window.scrollY : 1123")
        width = laptop.execute_script("return document.documentElement.clientWidth")
        picture = laptop.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": min(max(top, 200), 1123), "scale": 1}})
        with open(f"{folder}/97-workbook-print-first-page.png", "wb") as out:
            out.write(base64.b64decode(picture["data"]))
        print("  screenshot 97-workbook-print-first-page.png")
        laptop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    finally:
        laptop.quit()


def slide_overflow(driver, slide):
    """What of the slide does not fit it: its scroll size beyond its box, and the elements reaching past its edges."""
    return driver.execute_script(
        "var s = arguments[0], r = s.getBoundingClientRect();"
        "var out = Array.from(s.querySelectorAll('*')).filter(function (e) { var b = e.getBoundingClientRect();"
        " return b.width > 0 && (b.right > r.right + 1 || b.bottom > r.bottom + 1 || b.left < r.left - 1); })"
        ".map(function (e) { return e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''); });"
        "return {extra: [s.scrollWidth - s.clientWidth, s.scrollHeight - s.clientHeight], out: out.slice(0, 4),"
        " page: [document.documentElement.scrollWidth, document.documentElement.scrollHeight]};", slide)


def slides(session_url, base, folder, check, password, root):
    """A module's slides on the projector (1920×1080) as the trainer: the first slide shown, → shows the
    second and hides the first, no slide of the module bigger than the screen."""
    module = module_ids(root)[0]
    print(f"slides: module {module} at 1920×1080")
    screen = browser(1920, 1080)
    try:
        projector_sign_in(screen, base, password)
        screen.get(session_url)
        href = wait_for(screen, f'[data-test="slides-{module}"]').get_attribute("href")
        check(href == f"{base}/trainer/modules/{module}/slides", f"the control room links the module's slides ({href})")
        screen.get(href)
        first = wait_for(screen, '[data-test="slide-1"]')
        every = screen.find_elements(By.CSS_SELECTOR, '[data-test^="slide-"]')
        shown = [s.get_attribute("data-test") for s in every if s.is_displayed()]
        check(screen.execute_script("return [window.innerWidth, window.innerHeight]") == [1920, 1080] and shown == ["slide-1"],
              f"at 1920×1080 the first of its {len(every)} slides is shown, alone ({shown})")
        foot = text_of(screen, '[data-test="slide-1"] .slide-foot')
        check(foot.endswith(f"1 / {len(every)}"), f"its foot counts it ({foot})")
        over = slide_overflow(screen, first)
        check(max(over["extra"]) <= 1 and not over["out"] and over["page"][0] <= 1920 and over["page"][1] <= 1080,
              f"nothing overflows slide 1 ({over['extra'][0]} px too wide, {over['extra'][1]} px too high{', out: ' + ', '.join(over['out']) if over['out'] else ''}; "
              f"the page {over['page'][0]}×{over['page'][1]})")
        shot(screen, folder, "98-slides-1", full=False)
        webdriver.ActionChains(screen).send_keys(Keys.ARROW_RIGHT).perform()
        second = screen.find_element(By.CSS_SELECTOR, '[data-test="slide-2"]')
        WebDriverWait(screen, 5).until(lambda d: second.is_displayed())
        check(second.is_displayed() and not first.is_displayed() and screen.current_url.endswith("#slide-2"),
              f"→ shows slide 2 and hides slide 1 ({screen.current_url.rsplit('/', 1)[-1]})")
        over = slide_overflow(screen, second)
        check(max(over["extra"]) <= 1 and not over["out"] and over["page"][0] <= 1920 and over["page"][1] <= 1080,
              f"nothing overflows slide 2 ({over['extra'][0]} px too wide, {over['extra'][1]} px too high{', out: ' + ', '.join(over['out']) if over['out'] else ''})")
        shot(screen, folder, "99-slides-2", full=False)
        clipped = []
        for number in range(3, len(every) + 1):
            webdriver.ActionChains(screen).send_keys(Keys.ARROW_RIGHT).perform()
            slide = screen.find_element(By.CSS_SELECTOR, f'[data-test="slide-{number}"]')
            WebDriverWait(screen, 5).until(lambda d: slide.is_displayed())
            over = slide_overflow(screen, slide)
            if max(over["extra"]) > 1 or over["out"]:
                clipped.append(f"{number} (+{over['extra'][1]} px{' ' + over['out'][0] if over['out'] else ''})")
                if len(clipped) == 1:
                    shot(screen, folder, f"99-slides-{number}-clipped", full=False)
        check(not clipped, f"→ through the rest of the {len(every)} slides: none is bigger than the screen "
              f"({len(clipped)} are, cut at the bottom: {', '.join(clipped[:6])}{', …' if len(clipped) > 6 else ''})" if clipped else f"→ through the rest of the {len(every)} slides: none is bigger than the screen")
    finally:
        screen.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    base, folder = args.base, args.shots
    key, choices = answer_key(args.root)
    max_score = None
    failures = []
    checks = 0

    def check(condition, message):
        nonlocal checks
        checks += 1
        print(("  ok  " if condition else "  FAIL ") + message)
        if not condition:
            failures.append(message)

    trainer = browser(1280, 900)
    phones = [browser(390, 844), browser(390, 844)]
    try:
        print("trainer signs in")
        trainer.get(base + "/trainer/login")
        shot(trainer, folder, "01-trainer-login")
        trainer.find_element(By.NAME, "name").send_keys("trainer")
        trainer.find_element(By.NAME, "password").send_keys(args.password)
        trainer.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait_for(trainer, 'input[name="title"]')
        trainer.find_element(By.NAME, "title").send_keys("华东区经销商JBP训练营")
        for name, value in (("starts_on", "2026-03-02"), ("ends_on", "2026-03-03"), ("homework_due", "2026-03-31"),
                            ("time_zone", "Asia/Shanghai")):
            field = trainer.find_element(By.NAME, name)
            trainer.execute_script("arguments[0].value = arguments[1]", field, value)
        shot(trainer, folder, "02-trainer-sessions")
        trainer.find_element(By.CSS_SELECTOR, 'form[action="/trainer/sessions"] button').click()
        code = wait_for(trainer, '[data-test="join-code"]').text.strip()
        session_url = trainer.current_url
        session_id = session_url.rstrip("/").split("/")[-1]
        check(re.fullmatch(r"[A-Z2-9]{6}", code) is not None, f"join code {code} is six unambiguous characters")
        check("Asia/Shanghai" in trainer.page_source, "the control room says the class's time zone")
        check("<svg" in trainer.page_source, "the control room shows a QR code")
        trainer.find_element(By.CSS_SELECTOR, f'[data-test="open-{EXERCISE}"]').click()
        wait_for(trainer, f'[data-test="close-{EXERCISE}"]')
        shot(trainer, folder, "03-trainer-control-room")

        names = ["王小明", "<script>alert('李')</script>"]
        scores = []
        for index, (phone, name) in enumerate(zip(phones, names)):
            right = index == 0
            print(f"trainee {index + 1} joins and answers {'right' if right else 'wrong'}")
            phone.get(f"{base}/join/{code}")
            shot(phone, folder, f"1{index}-trainee-join")
            phone.find_element(By.NAME, "name").send_keys(name)
            phone.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            link = wait_for(phone, f'[data-test="open-exercise-{EXERCISE}"]')
            shot(phone, folder, f"1{index}-trainee-course")
            link.click()
            score = answer_quiz(phone, key, choices, right)
            scores.append(score)
            grade = phone.find_element(By.CSS_SELECTOR, f'[data-test="grade-{EXERCISE}"]')
            phone.execute_script("arguments[0].scrollIntoView()", grade)
            shot(phone, folder, f"1{index}-trainee-graded", full=False)
            check("<script>alert" not in phone.page_source.replace("&lt;script&gt;", ""), "the page escapes the trainee's name")
        max_score = phones[0].find_element(By.CSS_SELECTOR, f'[data-test="grade-{EXERCISE}"] h3').text.split("/")[-1].strip().split()[0]
        check(scores[0] == max_score, f"the right answers score {scores[0]} of {max_score}")
        check(scores[1] == "0", f"the wrong answers score {scores[1]}")
        check("✘" in phones[1].page_source and "不正确" in phones[1].page_source, "the wrong trainee sees what was wrong")
        phones[1].get(base + "/t/submissions")
        shot(phones[1], folder, "12-trainee-submissions")

        print("trainer watches the dashboard")
        trainer.get(f"{session_url}/exercises/{EXERCISE}")
        WebDriverWait(trainer, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-test="submissions"]').text == "2")
        check(True, "the dashboard counts both submissions")
        mean = trainer.find_element(By.CSS_SELECTOR, '[data-test="mean"]').text
        expected_mean = float(max_score) / 2
        check(mean.startswith(("%g" % expected_mean)), f"the mean score is {mean} (one right, one wrong)")
        shot(trainer, folder, "20-trainer-dashboard")
        trainer.get(f"{session_url}/roster")
        shot(trainer, folder, "21-trainer-roster")
        check(all(n.replace("<", "&lt;") in trainer.page_source or n in trainer.find_element(By.TAG_NAME, "body").text for n in names), "the roster lists both trainees")
        trainer.find_element(By.PARTIAL_LINK_TEXT, "王小明").click()
        wait_for(trainer, "form[action$='/override']")
        shot(trainer, folder, "22-trainer-trainee-work")

        print("trainer exports the CSV")
        cookie = trainer.get_cookie("jbp_trainer")["value"]
        request = urllib.request.Request(f"{base}/api/sessions/{session_id}/grades.csv", headers={"Cookie": f"jbp_trainer={cookie}"})
        body = urllib.request.urlopen(request).read().decode("utf-8")
        check(body.startswith("\ufeff"), "the CSV starts with a byte order mark")
        # The first header row has the exercises' titles; the ids are in the second.
        check(EXERCISE not in body.splitlines()[0], "the CSV's first header names exercises by their titles")
        rows = list(csv.DictReader(io.StringIO("\n".join(body.lstrip("\ufeff").splitlines()[1:]))))
        by_name = {row["name"]: row for row in rows}
        check(len(rows) == 2, f"the CSV has {len(rows)} rows")
        check(by_name.get("王小明", {}).get(EXERCISE) == max_score, "the CSV has the right answer's score")
        check(by_name.get(names[1], {}).get(EXERCISE) == "0", "the CSV has the wrong answer's score")
        with open(f"{folder}/grades.csv", "w", encoding="utf-8") as out:
            out.write(body)

        phone_answers(trainer, phones[0], session_url, base, folder, check)
        homework(trainer, session_url, base, folder, check)
        second_device(trainer, session_url, code, base, folder, check, key, choices)
        own_distributor(trainer, session_url, code, base, folder, check, args.root)
        token = classroom(trainer, phones[0], session_url, session_id, code, base, folder, check, args.password, key, choices)
        roleplay(trainer, session_url, session_id, code, base, folder, check, token, args.root)
        workshop(trainer, session_url, session_id, code, base, folder, check, token)
        workbook(phones[0], base, folder, check, args.root)
        slides(session_url, base, folder, check, args.password, args.root)
    finally:
        for driver in [trainer] + phones:
            driver.quit()
    print(f"browser: {checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
