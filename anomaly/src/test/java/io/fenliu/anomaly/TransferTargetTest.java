package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * R3: a transfer target is valid only if the relationship would be healthy under it, and an invalid one says why. R3
 * at the moment a move is written is {@link TransferAtWriteTimeTest}'s.
 */
class TransferTargetTest {

  @Test
  void r3_aValidTargetIsAnActiveRoutingExclusiveSubAccount() {
    assertTrue(TargetCheck.of(SHOP, SeedShop.CY03).isValid());
    assertEquals(List.of(), TargetCheck.of(SHOP, SeedShop.CY03).reasons());
  }

  @Test
  void r3_invalidTargetsSayWhy() {
    TargetCheck main = TargetCheck.of(SHOP, SeedShop.OWNER);
    assertFalse(main.isValid());
    assertTrue(main.reasons().get(0).contains("main account"), main.reasons().toString());
    assertTrue(TargetCheck.of(SHOP, SeedShop.RESIGNED).reasons().get(0).contains("RESIGNED"));
    assertEquals(Set.of(AnomalyKind.AGENT_NOT_EXCLUSIVE), TargetCheck.of(SHOP, SeedShop.NO_PERMISSION).problems());
    assertEquals(Set.of(AnomalyKind.AGENT_NOT_ROUTING), TargetCheck.of(SHOP, SeedShop.NOT_ROUTING).problems());
    assertTrue(TargetCheck.of(SHOP, AccountId.of("nobody")).reasons().get(0).contains("not an account of shop"));
  }
}
