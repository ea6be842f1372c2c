package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingSettingsTest {
  private static final AccountId A = AccountId.of("a");
  private static final AccountId B = AccountId.of("b");

  @Test
  void defaultsAreBasicWithTaobaosThreeDayWindow() {
    RoutingSettings s = RoutingSettings.builder().build();
    assertEquals(RoutingMode.BASIC, s.mode());
    assertEquals(Duration.ofDays(3), s.recentAgentWindow());
    assertFalse(s.connectToExclusiveAgent());
    assertTrue(s.pageAgents().isEmpty() && s.groups().isEmpty() && s.offlineReceivers().isEmpty());
  }

  /** OPERATIONS.md promises {@link InvalidValueException} (400/422) for a weight out of range, naming R13. */
  @Test
  void r13_weightsOutsideOneToAMillionAreInvalidValuesNamingTheAgentTheRuleAndTheValue() {
    for (int bad : new int[] {0, -5, 1_000_001, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      AgentGroup.Builder b = AgentGroup.builder("g").boundTo(OrderStatus.UNPAID);
      InvalidValueException e = assertThrows(InvalidValueException.class, () -> b.member(A, bad));
      assertEquals("weight of a", e.argument());
      assertEquals(Optional.of("R13"), e.rule());
      assertTrue(e.getMessage().contains("[1, 1000000]") && e.getMessage().contains("(R13)")
          && e.getMessage().endsWith(": " + bad), e.getMessage());
      assertEquals(List.of(), b.boundTo().build().members(), "the refused member was not added");
      InvalidValueException direct = assertThrows(InvalidValueException.class, () -> new GroupMember(A, bad));
      assertEquals(Optional.of("R13"), direct.rule());
      AgentGroup g = AgentGroup.builder("g").boundTo(OrderStatus.UNPAID).build();
      assertEquals(Optional.of("R13"), assertThrows(InvalidValueException.class, () -> g.withMember(A, bad)).rule());
    }
    assertEquals(1_000_000, new GroupMember(A, 1_000_000).weight());
    assertEquals(1, new GroupMember(A, 1).weight());
  }

  @Test
  void r13_anAgentTwiceInOneGroupIsAnInvalidValue() {
    AgentGroup.Builder b = AgentGroup.builder("g").boundTo(OrderStatus.UNPAID).member(A, 5);
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> b.member(A, 7));
    assertTrue(e.getMessage().contains("twice") && e.getMessage().contains("(R13)"), e.getMessage());
    assertEquals(Optional.of("R13"), e.rule());
    assertEquals(List.of(new GroupMember(A, 5)), b.build().members(), "the builder kept its state");
    InvalidValueException direct = assertThrows(InvalidValueException.class,
        () -> new AgentGroup("g", Set.of(OrderStatus.UNPAID), List.of(new GroupMember(A, 1), new GroupMember(A, 2))));
    assertEquals(Optional.of("R13"), direct.rule());
  }

  @Test
  void r12_aGroupMustBeBoundToAnOrderStatus() {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> AgentGroup.builder("g").member(A, 1).build());
    assertTrue(e.getMessage().contains("at least one order status"), e.getMessage());
    assertEquals(Optional.of("R12"), e.rule());
    InvalidValueException blank = assertThrows(InvalidValueException.class, () -> new AgentGroup(" ", Set.of(OrderStatus.UNPAID), List.of()));
    assertEquals("group name", blank.argument());
  }

  @Test
  void r12_anOrderStatusBoundToTwoGroupsIsAnInvalidValueNamingBoth() {
    RoutingSettings.Builder b = RoutingSettings.builder()
        .group(AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID).build());
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> b.group(AgentGroup.builder("post").boundTo(OrderStatus.UNPAID).build()));
    assertTrue(e.getMessage().contains("UNPAID") && e.getMessage().contains("'pre'") && e.getMessage().contains("'post'"));
    assertEquals(Optional.of("R12"), e.rule());
    assertEquals("group", e.argument());
    assertEquals(1, b.build().groups().size(), "the builder kept its state");
  }

  @Test
  void r15_advancedCannotBeSwitchedOffWhileAgentsAreBound() {
    AgentGroup pre = AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER).member(A, 500).member(B, 100).build();
    RoutingSettings advanced = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(pre).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> advanced.withMode(RoutingMode.BASIC));
    assertTrue(e.getMessage().contains("remove every agent from the groups first") && e.getMessage().contains("R15"), e.getMessage());
    assertEquals(RoutingMode.ADVANCED, advanced.mode(), "the settings stay as they were");
    assertThrows(IllegalStateException.class,
        () -> RoutingSettings.builder().group(pre).mode(RoutingMode.BASIC).build());

    RoutingSettings unbound = advanced.toBuilder().group(pre.withoutMembers()).build();
    assertFalse(unbound.hasBoundAgents());
    assertEquals(RoutingMode.BASIC, unbound.withMode(RoutingMode.BASIC).mode());
  }

  @Test
  void groupEditsKeepEachAgentOnce() {
    AgentGroup g = AgentGroup.builder("g").boundTo(OrderStatus.SHIPPED).member(A, 1).build();
    assertEquals(List.of(new GroupMember(A, 9)), g.withMember(A, 9).members());
    assertEquals(2, g.withMember(B, 2).members().size());
    assertEquals(List.of(), g.withoutMember(A).members());
    assertEquals(900, g.withMember(A, 900).member(A).orElseThrow().weight());
  }

  @Test
  void pagesWindowsAndReceiversAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> RoutingSettings.builder().recentAgentWindow(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> RoutingSettings.builder().page(null, List.of(A)));
    RoutingSettings s = RoutingSettings.builder().page(EntryPage.SHOP_HOME, List.of(A, B)).page(EntryPage.ORDER_DETAIL, List.of())
        .offlineReceivers(List.of(B)).build();
    assertEquals(Set.of(EntryPage.SHOP_HOME), s.pageAgents().keySet(), "an empty set leaves the page unset");
    assertEquals(Set.of(A, B), s.referencedAgents());
    assertEquals(s, s.toBuilder().build());
  }
  /** R12, R23: a copy through the builder is equal, share modes included; a change of any field is not. */
  @Test
  void aCopyThroughTheBuilderKeepsEveryFieldAndAChangeIsUnequal() {
    AgentGroup pre = AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER).member(A, 5).build();
    RoutingSettings s = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(pre).shareMode(ShareMode.LEAST_BUSY)
        .shareMode(EntryPage.SHOP_HOME, ShareMode.WEIGHTED_RANDOM).shareMode("pre", ShareMode.WEIGHTED_RANDOM)
        .page(EntryPage.SHOP_HOME, List.of(A)).offlineReceivers(List.of(B)).maxQueueLength(7).build();
    RoutingSettings copy = s.toBuilder().build();
    assertEquals(s, copy);
    assertEquals(s.hashCode(), copy.hashCode());
    assertEquals(ShareMode.LEAST_BUSY, copy.shareMode());
    assertEquals(ShareMode.WEIGHTED_RANDOM, copy.shareMode(EntryPage.SHOP_HOME), "R23: the page's own mode, copied");
    assertEquals(ShareMode.WEIGHTED_RANDOM, copy.shareMode("pre"), "R23: the group's own mode, copied");
    assertEquals(ShareMode.LEAST_BUSY, copy.shareMode(EntryPage.ORDER_DETAIL), "a page without one: the shop's");
    assertFalse(s.equals(s.toBuilder().maxQueueLength(8).build()), "another queue length");
    assertFalse(s.equals(s.toBuilder().shareMode(ShareMode.WEIGHTED_RANDOM).build()), "another share mode");
    assertTrue(s.hasBoundAgents(), "R15: pre has a member");
  }

  /** R12: an order status's group is the one bound to it; an unbound status has none. */
  @Test
  void eachOrderStatusFindsTheGroupBoundToIt() {
    AgentGroup pre = AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID).member(A, 1).build();
    AgentGroup post = AgentGroup.builder("post").boundTo(OrderStatus.SHIPPED).member(B, 1).build();
    RoutingSettings s = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(pre).group(post).build();
    assertEquals(Optional.of(pre), s.groupFor(OrderStatus.UNPAID));
    assertEquals(Optional.of(post), s.groupFor(OrderStatus.SHIPPED));
    assertEquals(Optional.empty(), s.groupFor(OrderStatus.REFUNDING));
  }

  /** R23: removing a group removes its share mode with it; a share mode for a group nobody has is refused. */
  @Test
  void aGroupsShareModeGoesWithTheGroup() {
    AgentGroup pre = AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER).member(A, 1).build();
    AgentGroup post = AgentGroup.builder("post").boundTo(OrderStatus.SHIPPED).member(B, 1).build();
    RoutingSettings.Builder b = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(pre).group(post)
        .shareMode("pre", ShareMode.LEAST_BUSY);
    RoutingSettings without = b.removeGroup("pre").build();
    assertEquals(List.of(post), without.groups());
    assertEquals(java.util.Map.of(), without.groupShareModes());
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(post).shareMode("ghost", ShareMode.LEAST_BUSY)
            .build());
    assertEquals(Optional.of("R23"), e.rule());
  }

  /** R16: setting the offline receivers replaces them; it does not add to them. */
  @Test
  void offlineReceiversAreReplacedNotAddedTo() {
    RoutingSettings s = RoutingSettings.builder().offlineReceivers(List.of(A)).offlineReceivers(List.of(B)).build();
    assertEquals(Set.of(B), s.offlineReceivers());
    assertEquals(Set.of(), s.toBuilder().offlineReceivers(List.of()).build().offlineReceivers(), "none designated");
  }
}
