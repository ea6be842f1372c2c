package io.fenliu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubAccountTest {
  private static final AccountId ID = AccountId.of("cy03");

  @Test
  void builderDefaultsToActiveRoutingWithNothingElse() {
    SubAccount a = SubAccount.builder(ID, "cy03").build();
    assertEquals(AccountStatus.ACTIVE, a.status());
    assertTrue(a.participatesInRouting());
    assertTrue(a.permissions().isEmpty());
    assertFalse(a.isExclusiveAgent());
    assertTrue(a.isRoutable());
    assertEquals(OptionalInt.empty(), a.concurrentLimit());
  }

  @Test
  void eitherPermissionMakesAnExclusiveAgent() {
    assertTrue(SubAccount.builder(ID, "n").permissions(ExclusivePermission.EXCLUSIVE_AGENT).build().isExclusiveAgent());
    assertTrue(SubAccount.builder(ID, "n").permissions(ExclusivePermission.EXCLUSIVE_SUPERVISOR).build().isExclusiveAgent());
  }

  @Test
  void routableNeedsActiveAndParticipation() {
    SubAccount a = SubAccount.builder(ID, "n").build();
    assertFalse(a.withStatus(AccountStatus.FROZEN).isRoutable());
    assertFalse(a.withRoutingParticipation(false).isRoutable());
  }

  @Test
  void limitBelowOneIsRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubAccount.builder(ID, "n").concurrentLimit(-2));
    assertTrue(e.getMessage().contains("-2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SubAccount.builder(ID, "n").build().withConcurrentLimit(OptionalInt.of(0)));
    assertEquals(OptionalInt.of(3), SubAccount.builder(ID, "n").concurrentLimit(3).build().concurrentLimit());
  }

  @Test
  void setsAreCopiedAndUnmodifiable() {
    Set<Role> roles = new HashSet<>(Set.of(Role.PRE_SALE));
    EnumSet<ExclusivePermission> perms = EnumSet.of(ExclusivePermission.EXCLUSIVE_AGENT);
    SubAccount a = SubAccount.builder(ID, "n").build().withRoles(roles).withPermissions(perms);
    roles.add(Role.AFTER_SALE);
    perms.clear();
    assertEquals(Set.of(Role.PRE_SALE), a.roles());
    assertTrue(a.isExclusiveAgent());
    assertThrows(UnsupportedOperationException.class, () -> a.roles().add(Role.AFTER_SALE));
    assertThrows(UnsupportedOperationException.class, () -> a.permissions().clear());
  }

  @Test
  void nullsAndBlanksAreRejectedNamingTheArgument() {
    assertEquals("sub-account status must not be null",
        assertThrows(NullPointerException.class, () -> SubAccount.builder(ID, "n").status(null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> SubAccount.builder(ID, " "));
    assertThrows(NullPointerException.class, () -> SubAccount.builder(ID, "n").roles((Role) null));
    Set<Role> withNull = new HashSet<>();
    withNull.add(null);
    assertEquals("role must not be null",
        assertThrows(NullPointerException.class, () -> SubAccount.builder(ID, "n").build().withRoles(withNull)).getMessage());
  }

  @Test
  void aRefusedPermissionsOrRolesCallKeepsNoneOfItsElements() {
    SubAccount.Builder b = SubAccount.builder(ID, "n");
    NullPointerException p = assertThrows(NullPointerException.class,
        () -> b.permissions(ExclusivePermission.EXCLUSIVE_AGENT, null));
    assertEquals("permissions[1] must not be null", p.getMessage());
    Role first = Role.PRE_SALE;
    NullPointerException r = assertThrows(NullPointerException.class, () -> b.roles(java.util.Arrays.asList(first, null)));
    assertEquals("roles[1] must not be null", r.getMessage());
    assertThrows(NullPointerException.class, () -> b.roles(first, null));
    SubAccount built = b.build();
    assertTrue(built.permissions().isEmpty(), "the permission before the null was not kept");
    assertTrue(built.roles().isEmpty(), "the role before the null was not kept");
  }

  /** R20: a limit of 1 is the smallest accepted; a copy can take or drop a limit. */
  @Test
  void r20_aLimitOfOneIsAcceptedAndACopyTakesOrDropsALimit() {
    assertEquals(OptionalInt.of(1), SubAccount.builder(ID, "n").concurrentLimit(1).build().concurrentLimit());
    SubAccount a = SubAccount.builder(ID, "n").build();
    assertEquals(OptionalInt.of(3), a.withConcurrentLimit(OptionalInt.of(3)).concurrentLimit());
    assertEquals(OptionalInt.empty(), a.withConcurrentLimit(OptionalInt.of(3)).withConcurrentLimit(OptionalInt.empty())
        .concurrentLimit());
  }

  @Test
  void everyBuilderSetterChains() {
    SubAccount a = SubAccount.builder(ID, "n").exclusiveAgent().roles(Role.PRE_SALE).roles(Set.of(Role.AFTER_SALE))
        .status(AccountStatus.FROZEN).participatesInRouting(false).concurrentLimit(2).build();
    assertTrue(a.isExclusiveAgent());
    assertEquals(Set.of(Role.PRE_SALE, Role.AFTER_SALE), a.roles());
    assertEquals(AccountStatus.FROZEN, a.status());
    assertFalse(a.participatesInRouting());
    assertEquals(OptionalInt.of(2), a.concurrentLimit());
  }
}
