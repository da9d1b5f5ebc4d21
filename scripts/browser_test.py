"""The class in real browsers (see scripts/browser-test, which starts the server)."""
import argparse
import csv
import io
import re
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

EXERCISE = "quiz-m1-jbp"


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(flag)
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
        for name, value in (("starts_on", "2026-03-02"), ("ends_on", "2026-03-03"), ("homework_due", "2026-03-31")):
            field = trainer.find_element(By.NAME, name)
            trainer.execute_script("arguments[0].value = arguments[1]", field, value)
        shot(trainer, folder, "02-trainer-sessions")
        trainer.find_element(By.CSS_SELECTOR, 'form[action="/trainer/sessions"] button').click()
        code = wait_for(trainer, '[data-test="join-code"]').text.strip()
        session_url = trainer.current_url
        session_id = session_url.rstrip("/").split("/")[-1]
        check(re.fullmatch(r"[A-Z2-9]{6}", code) is not None, f"join code {code} is six unambiguous characters")
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
        rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
        by_name = {row["name"]: row for row in rows}
        check(len(rows) == 2, f"the CSV has {len(rows)} rows")
        check(by_name.get("王小明", {}).get(EXERCISE) == max_score, "the CSV has the right answer's score")
        check(by_name.get(names[1], {}).get(EXERCISE) == "0", "the CSV has the wrong answer's score")
        with open(f"{folder}/grades.csv", "w", encoding="utf-8") as out:
            out.write(body)
    finally:
        for driver in [trainer] + phones:
            driver.quit()
    print(f"browser: {checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
