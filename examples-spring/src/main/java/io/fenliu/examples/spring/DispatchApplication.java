package io.fenliu.examples.spring;

import io.fenliu.core.AccountId;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.spring.boot.ShopRoster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dispatch service: everything Fenliu needs comes from the starter, given where the shops' rosters are (the
 * {@code agent} table, R17, R20) and who is online (R21). Routing settings come from {@code fenliu.*} in {@code
 * application.properties}.
 */
@SpringBootApplication
public class DispatchApplication {
  /** Starts the service (port 8080 unless {@code --server.port} says otherwise). */
  public static void main(String[] args) {
    SpringApplication.run(DispatchApplication.class, args);
  }

  /** Each shop's roster and presence from the agent table; a shop without agents is unknown (404). */
  @Bean
  ShopRoster roster(JdbcTemplate jdbc) {
    return new ShopRoster() {
      @Override
      public @Nullable Shop find(io.fenliu.core.ShopId shop) {
        List<SubAccount> agents = jdbc.query("SELECT agent_id, name, concurrent_limit FROM agent"
            + " WHERE shop_id = ? ORDER BY agent_id", (rs, i) -> {
              SubAccount.Builder a = SubAccount.builder(AccountId.of(rs.getString(1)), rs.getString(2));
              int limit = rs.getInt(3);
              return rs.wasNull() ? a.build() : a.concurrentLimit(limit).build();
            }, shop.value());
        return agents.isEmpty() ? null
            : Shop.of(shop, shop.value(), new MainAccount(AccountId.of(shop.value() + "-owner"), "Owner"), agents);
      }

      @Override
      public Map<AccountId, Presence> presence(io.fenliu.core.ShopId shop) {
        Map<AccountId, Presence> online = new LinkedHashMap<>();
        jdbc.query("SELECT agent_id FROM agent WHERE shop_id = ? AND online", rs -> {
          online.put(AccountId.of(rs.getString(1)), Presence.ONLINE);
        }, shop.value());
        return online;
      }
    };
  }
}
