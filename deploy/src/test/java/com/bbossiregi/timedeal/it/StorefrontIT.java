package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The storefront at {@code /} in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs): a shopper logs in, watches deal 1's stock fall live when another client orders through
 * the API, orders, pays, orders again and cancels, and finds both orders in "My orders". Screenshots go to
 * {@code deploy/target/storefront/}. Without the browser the test is skipped, except under {@code CI=true}, where it
 * fails.
 */
class StorefrontIT extends SharedApplicationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "storefront");

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run "
                    + "installs Debian's chromium and chromium-driver");
        }
        assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
        profile = Files.createTempDirectory("storefront-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void aShopperWatchesTheStockFallThenOrdersPaysAndCancels() throws IOException {
        Api.Session shopper = api.newShopper();
        Api.Session someoneElse = api.newShopper();

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-live", "open"));
        By dealOneAvailable = By.cssSelector("article[data-deal-id='1'] .available");
        wait.until(driver -> !driver.findElement(dealOneAvailable).getText().isBlank());

        browser.findElement(By.id("login-email")).sendKeys(shopper.email());
        browser.findElement(By.id("login-password")).sendKeys("password123");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), shopper.email()));
        wait.until(driver -> !driver.findElement(dealOneAvailable).getText().isBlank());
        int before = available(dealOneAvailable);
        screenshot("1-deals");

        // Another client orders through the API; the page, which only listens, shows the stock fall.
        Api.Response elsewhere = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 3),
                someoneElse.token());
        assertThat(elsewhere.status()).isEqualTo(201);
        wait.until(driver -> available(dealOneAvailable) == before - 3);
        screenshot("2-stock-fell-live");

        browser.findElement(By.cssSelector("article[data-deal-id='1'] .deal-link")).click();
        By detailAvailable = By.id("deal-available");
        wait.until(driver -> !driver.findElement(detailAvailable).getText().isBlank()
                && available(detailAvailable) == before - 3);
        new Select(browser.findElement(By.id("order-quantity"))).selectByVisibleText("2");
        browser.findElement(By.id("order-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("order-status"), "reserved"));
        wait.until(driver -> available(detailAvailable) == before - 5);
        String paidOrder = browser.findElement(By.id("order-result")).getAttribute("data-order-id");
        browser.findElement(By.id("pay-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("order-status"), "confirmed"));
        screenshot("3-ordered-and-paid");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("order-submit")));
        new Select(browser.findElement(By.id("order-quantity"))).selectByVisibleText("1");
        browser.findElement(By.id("order-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("order-status"), "reserved"));
        wait.until(driver -> available(detailAvailable) == before - 6);
        String canceledOrder = browser.findElement(By.id("order-result")).getAttribute("data-order-id");
        browser.findElement(By.id("cancel-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("order-status"), "canceled"));
        wait.until(driver -> available(detailAvailable) == before - 5);
        screenshot("4-second-order-canceled");

        browser.findElement(By.id("nav-orders")).click();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-order-id='" + paidOrder + "'] .status"), "confirmed"));
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-order-id='" + canceledOrder + "'] .status"), "canceled"));
        screenshot("5-my-orders");

        // What the page showed is what the API says.
        assertThat(api.get("/api/v1/orders/" + paidOrder, shopper.token()).data().path("status").asText())
                .isEqualTo("confirmed");
        assertThat(api.get("/api/v1/timedeals/1", null).data().path("available_quantity").asInt())
                .isEqualTo(before - 5);
    }

    @Test
    void theStaticFilesAndTheApiDescriptionNeedNoToken() {
        assertThat(api.get("/", null).status()).isEqualTo(200);
        assertThat(api.get("/app.js", null).status()).isEqualTo(200);
        assertThat(api.get("/style.css", null).status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
    }

    private int available(By locator) {
        String text = browser.findElement(locator).getText().trim();
        return text.isEmpty() ? Integer.MIN_VALUE : Integer.parseInt(text);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
