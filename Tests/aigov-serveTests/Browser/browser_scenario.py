"""Drives the aigov server's web pages in a real browser (Chromium, through Selenium).

Reads a scenario as JSON on stdin:
  {"url": ..., "token": ..., "key_file": ..., "feature": ..., "discipline": ...,
   "pages": [...], "widths": [...], "screenshots": folder or null}
signs in with the token, opens every page at every width (recording what the browser's console
says and whether the page is wider than the window), then signs the feature's open round on its
sign-off page with the key file through Web Crypto. Prints the outcome as JSON on stdout.
"""

import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait


def browser(width):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("AIGOV_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     f"--window-size={max(width, 800)},1000"):
        options.add_argument(argument)
    if width < 800:
        # A phone: its viewport, pixel ratio and touch, narrower than a desktop window can be.
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": width, "height": 844, "pixelRatio": 2}})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("AIGOV_CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def screenshot(driver, width, path):
    """The whole page, as tall as it is (at most 6000 pixels)."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": min(max(height, 600), 6000), "deviceScaleFactor": 1,
        "mobile": width < 800})
    driver.save_screenshot(path)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def sign_in(driver, url, token):
    driver.get(url + "/login")
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 10).until(expected_conditions.title_contains("Inventory"))


def console(driver):
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] in ("SEVERE", "WARNING")]


def main():
    scenario = json.load(sys.stdin)
    url = scenario["url"]
    outcome = {"pages": [], "console": []}
    for width in scenario["widths"]:
        driver = browser(width)
        try:
            sign_in(driver, url, scenario["token"])
            for path in scenario["pages"]:
                driver.get(url + path)
                WebDriverWait(driver, 10).until(
                    lambda d: d.execute_script("return document.readyState") == "complete")
                wide = driver.execute_script(
                    "return document.documentElement.scrollWidth > window.innerWidth + 1")
                viewport = driver.execute_script("return window.innerWidth")
                outcome["pages"].append({
                    "path": path, "width": width, "title": driver.title,
                    "text": driver.find_element(By.TAG_NAME, "body").text[:20000],
                    "wider_than_window": wide, "viewport": viewport,
                })
                outcome["console"] += [f"{path} at {width}: {m}" for m in console(driver)]
                if scenario.get("screenshots"):
                    name = path.strip("/").replace("/", "_").replace("?", "_") or "inventory"
                    screenshot(driver, width, os.path.join(scenario["screenshots"], f"{name}-{width}.png"))
        finally:
            driver.quit()

    driver = browser(scenario["widths"][0])
    try:
        sign_in(driver, url, scenario["token"])
        driver.get(f"{url}/features/{scenario['feature']}/sign")
        outcome["unsupported_shown"] = driver.find_element(By.ID, "sign-unsupported").is_displayed()
        Select(driver.find_element(By.ID, "discipline")).select_by_visible_text(scenario["discipline"])
        Select(driver.find_element(By.ID, "decision")).select_by_visible_text("approve")
        driver.find_element(By.ID, "key").send_keys(scenario["key_file"])
        driver.find_element(By.ID, "sign").click()
        WebDriverWait(driver, 20).until(
            lambda d: d.find_element(By.ID, "sign-result").text != "")
        outcome["sign_result"] = driver.find_element(By.ID, "sign-result").text
        outcome["signed_message"] = driver.find_element(By.ID, "sign-message").text
        outcome["console"] += [f"sign: {m}" for m in console(driver)]
    finally:
        driver.quit()
    json.dump(outcome, sys.stdout)


if __name__ == "__main__":
    main()
