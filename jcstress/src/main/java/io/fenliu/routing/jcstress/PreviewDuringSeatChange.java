package io.fenliu.routing.jcstress;

import static io.fenliu.routing.jcstress.PreviewFixture.agent;
import static io.fenliu.routing.jcstress.PreviewFixture.expect;
import static io.fenliu.routing.jcstress.PreviewFixture.id;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.routing.Router;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * R24 for a preview racing a seat taken or freed (R18, R20, R22): the answer names an agent only if it has a free
 * seat in the state before or the state after.
 *
 * <p>The shop: agents {@code a} and {@code b}, limit 1 each, both ONLINE, BASIC routing, no offline receivers.
 * {@code b} holds a seat throughout. One writer routes a consultation (which can only take {@code a}'s seat) or ends
 * the one {@code a} holds; one reader previews a new consultation once. What a preview gives in each state:
 *
 * <table>
 *   <caption>States and answers</caption>
 *   <tr><th>a</th><th>b</th><th>answer</th><th>decided</th></tr>
 *   <tr><td>free</td><td>full</td><td>{@code a ANY_ONLINE}</td><td>lock-free</td></tr>
 *   <tr><td>full</td><td>full</td><td>{@code QUEUED 1}: somebody is online but nobody is free (R22)</td><td>under
 *       the lock (a queue is never decided lock-free)</td></tr>
 * </table>
 *
 * <p>FORBIDDEN: {@code b ANY_ONLINE} (b is full in both states; a read that takes the candidates' weights from one
 * state and a's seat count or availability from the other can land on b), {@code NO_AGENT} or {@code
 * OFFLINE_RECEIVER} (both agents are online), any repeat (the previewed consultation is neither the one routed nor
 * the one ended: a read of the open seats while a slot is written could take another consultation's seat for its
 * own), any exception.
 *
 * <p>Before the race each state object previews once with only {@code b} free and once with {@code a} free, so both
 * agents' decisions exist: a torn pick of either is then returned by the lock-free path, not masked by a decision it
 * would have to make under the lock.
 *
 * <p>Shown to fail: with {@code lock.validate} skipped in {@code preview}, {@link SeatTaken} reported {@code b
 * ANY_ONLINE} in about 0.01 % of its samples (12 to 75 per JVM of 5 s), in every JVM of every run: the seat taken
 * makes a unavailable before its weight leaves the candidates' tree, as going offline does. {@link SeatFreed}, which
 * only ever adds a, saw none on x86, for the reason {@link PreviewDuringPresenceChange} gives for its {@code
 * ComingOnline}.
 */
public final class PreviewDuringSeatChange {
  private static final Shop SHOP = PreviewFixture.shop(agent("a", 1), agent("b", 1));

  private PreviewDuringSeatChange() {}

  /** A router with a and b ONLINE, b full for good, a free, both decisions made. */
  static Router aFree() {
    Router router = PreviewFixture.router(SHOP);
    router.setPresence(id("b"), Presence.ONLINE);
    expect(router, "b ANY_ONLINE"); // b's decision exists from here on
    router.route(PreviewFixture.consultation("held-by-b")); // b is full for good
    router.setPresence(id("a"), Presence.ONLINE);
    expect(router, "a ANY_ONLINE");
    return router;
  }

  /** A new consultation takes a's seat while the preview runs. */
  @JCStressTest
  @Description("A preview racing a route that fills the last free agent gives the answer before or after")
  @Outcome(id = "a ANY_ONLINE", expect = ACCEPTABLE, desc = "before: a is free")
  @Outcome(id = "QUEUED 1", expect = ACCEPTABLE, desc = "after: a and b are full, so R22 queues")
  @Outcome(id = "b ANY_ONLINE", expect = FORBIDDEN, desc = "torn: b is full in both states")
  @Outcome(expect = FORBIDDEN, desc = "neither state gives this answer (nobody, a receiver, a repeat, an exception)")
  @State
  public static class SeatTaken {
    private final Router router = aFree();

    @Actor
    public void route() {
      router.route(PreviewFixture.consultation("x"));
    }

    @Actor
    public void preview(L_Result r) {
      r.r1 = PreviewFixture.preview(router);
    }
  }

  /** a's seat is freed while the preview runs. */
  @JCStressTest
  @Description("A preview racing an end that frees an agent gives the answer before or after")
  @Outcome(id = "QUEUED 1", expect = ACCEPTABLE, desc = "before: a and b are full, so R22 queues")
  @Outcome(id = "a ANY_ONLINE", expect = ACCEPTABLE, desc = "after: a is free")
  @Outcome(id = "b ANY_ONLINE", expect = FORBIDDEN, desc = "torn: b is full in both states")
  @Outcome(expect = FORBIDDEN, desc = "neither state gives this answer (nobody, a receiver, a repeat, an exception)")
  @State
  public static class SeatFreed {
    private final Router router = aFree();

    public SeatFreed() {
      router.route(PreviewFixture.consultation("x"));
      expect(router, "QUEUED 1");
    }

    @Actor
    public void end() {
      router.end(ConsultationId.of("x"));
    }

    @Actor
    public void preview(L_Result r) {
      r.r1 = PreviewFixture.preview(router);
    }
  }
}
