package io.fenliu.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled and run here; the test fails if the README's copy drifts from it. */
class ReadmeQuickStartTest {

  @Test
  void quickStartRunsAndDoesWhatTheReadmeSays() {
    // README-BEGIN
    AccountId alice = AccountId.of("alice");
    AccountId bob = AccountId.of("bob");
    Shop shop = Shop.of(ShopId.of("my-shop"), "My shop", new MainAccount(AccountId.of("owner"), "owner"), List.of(
        SubAccount.builder(alice, "Alice").roles(Role.PRE_SALE).exclusiveAgent().build(),
        SubAccount.builder(bob, "Bob").roles(Role.PRE_SALE).exclusiveAgent().build()));

    // Routing (R10-R19): Alice takes five pre-sale chats for each one of Bob's.
    RoutingSettings settings = RoutingSettings.builder()
        .mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID)
            .member(alice, 500).member(bob, 100).build())
        .build();
    Router router = Router.builder(shop, settings).build();
    router.setPresence(alice, Presence.ONLINE);
    RoutingDecision decision = router.route(
        Consultation.of(ConsultationId.of("c-buyer-1"), BuyerId.of("buyer-1"), EntryPage.PRODUCT_DETAIL, OrderStatus.NO_ORDER));
    System.out.println(decision.agent().orElseThrow() + " via " + decision.step() + ": " + decision.reason());

    // Anomalies (R1-R8): Bob resigns, so his buyers' relationships are anomalous; move them to Alice.
    Shop afterBobLeft = shop.withSubAccount(shop.subAccount(bob).orElseThrow().withStatus(AccountStatus.RESIGNED));
    List<ExclusiveRelationship> relationships = List.of(
        ExclusiveRelationship.of(BuyerId.of("buyer-1"), alice), ExclusiveRelationship.of(BuyerId.of("buyer-2"), bob));
    AnomalyReport report = AnomalyScanner.scan(afterBobLeft, relationships);
    TransferPlan plan = TransferPlanner.plan(afterBobLeft, relationships, Selection.allAnomalous(),
        List.of(alice), Distribution.even());
    TransferResult result = plan.applyTo(afterBobLeft, InMemoryRelationshipStore.of(afterBobLeft.id(), relationships));
    System.out.println(report.anomalous() + " anomalous, transfer " + result.counts());
    // README-END

    assertEquals(alice, decision.agent().orElseThrow());
    assertEquals(RoutingStep.MATCHED_GROUP, decision.step());
    assertEquals(1, report.anomalous());
    assertTrue(result.isComplete());
  }

  @Test
  void theReadmeShowsExactlyThisCode() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("README.md")) || !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    String readme = Files.readString(root.resolve("README.md"));
    Matcher block = Pattern.compile("<!-- quick-start -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README.md has a java block after <!-- quick-start -->");
    String source = Files.readString(root.resolve(
        "examples/src/test/java/io/fenliu/examples/ReadmeQuickStartTest.java"));
    String marked = source.substring(source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
        source.indexOf("    // README-END"));
    assertEquals(normalize(marked), normalize(block.group(1)));
  }

  private static String normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
  }
}
