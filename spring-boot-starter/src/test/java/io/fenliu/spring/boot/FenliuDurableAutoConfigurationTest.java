package io.fenliu.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenliu.core.Presence;
import io.fenliu.jdbc.DurableRouter;
import io.fenliu.jdbc.ShopFencedException;
import io.fenliu.routing.RoutingDecision;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Durable shops in the application's database (R20, R25, R26): offered only when asked for, with a data source and
 * a roster; created from the roster on first use, kept across a restart of the application, and fenced when
 * another instance takes the shop; backing off to the application's own bean.
 */
class FenliuDurableAutoConfigurationTest {
  private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

  private static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:durable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FenliuAutoConfiguration.class, FenliuDurableAutoConfiguration.class));

  @Test
  void offMeansNoDurableShopsEvenWithADataSourceAndARoster() {
    DataSource ds = h2();
    runner.withBean(DataSource.class, () -> ds).withBean(ShopRoster.class, Shops::roster)
        .run(context -> assertThat(context).doesNotHaveBean(DurableShops.class));
  }

  @Test
  void onWithoutADataSourceOrARosterBacksOff() {
    runner.withPropertyValues("fenliu.durable.enabled=true").withBean(ShopRoster.class, Shops::roster)
        .run(context -> assertThat(context).doesNotHaveBean(DurableShops.class));
    runner.withPropertyValues("fenliu.durable.enabled=true").withBean(DataSource.class, FenliuDurableAutoConfigurationTest::h2)
        .run(context -> assertThat(context).doesNotHaveBean(DurableShops.class));
  }

  @Test
  void r26_aShopIsCreatedFromTheRosterKeptAcrossARestartAndFencedByTheNextOwner() {
    DataSource ds = h2();
    ApplicationContextRunner on = runner.withPropertyValues("fenliu.durable.enabled=true",
        "fenliu.routing.default-concurrent-limit=3").withBean(DataSource.class, () -> ds)
        .withBean(ShopRoster.class, Shops::roster);
    DurableRouter[] first = new DurableRouter[1];
    on.run(context -> {
      DurableShops shops = context.getBean(DurableShops.class);
      DurableRouter router = shops.shop(Shops.SHOP);
      assertThat(shops.shop(Shops.SHOP)).as("taken once, then held").isSameAs(router);
      router.setPresence(Shops.BOB, Presence.ONLINE, T);
      RoutingDecision d = router.route(Shops.consultation("c1").arrivedAt(T.plusSeconds(1))).decision().orElseThrow();
      assertThat(d.agent()).contains(Shops.BOB);
      assertThat(router.roster().subAccount(Shops.BOB).orElseThrow().concurrentLimit()).hasValue(3);
      first[0] = router;
    });
    on.run(context -> {
      DurableRouter again = context.getBean(DurableShops.class).shop(Shops.SHOP);
      assertThat(again.seatsHeld(Shops.BOB)).as("the seat was kept in the database").isEqualTo(1);
      Assertions.assertThatThrownBy(() -> first[0].end(io.fenliu.core.ConsultationId.of("c1")))
          .as("the earlier owner is fenced once the shop was taken again").isInstanceOf(ShopFencedException.class);
    });
  }

  @Test
  void theApplicationsOwnDurableShopsWin() {
    DataSource ds = h2();
    DurableShops mine = DurableShops.of(ds, Shops.roster(), io.fenliu.routing.RoutingSettings.builder().build(), false);
    runner.withPropertyValues("fenliu.durable.enabled=true").withBean(DataSource.class, () -> ds)
        .withBean(ShopRoster.class, Shops::roster).withBean(DurableShops.class, () -> mine)
        .run(context -> assertThat(context.getBean(DurableShops.class)).isSameAs(mine));
  }
}
