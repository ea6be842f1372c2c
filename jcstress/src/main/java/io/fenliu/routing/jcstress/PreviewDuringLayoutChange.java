package io.fenliu.routing.jcstress;

import static io.fenliu.routing.jcstress.PreviewFixture.agent;
import static io.fenliu.routing.jcstress.PreviewFixture.expect;
import static io.fenliu.routing.jcstress.PreviewFixture.id;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.Router;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * R24 for a preview racing a roster change, which replaces the router's whole layout (R10, R20): the answer is one
 * that the old roster or the new one gives, with the live seats and presences carried over.
 *
 * <p>The shop: agents {@code a} and {@code b}, both ONLINE, BASIC routing, no offline receivers. {@code a} holds one
 * seat; {@code b} has limit 1 and holds one seat throughout. One writer changes {@code a}'s limit with {@link
 * Router#updateAccount}, which builds a new layout and installs it; one reader previews a new consultation once.
 *
 * <table>
 *   <caption>States and answers</caption>
 *   <tr><th>a's limit</th><th>a</th><th>answer</th><th>decided</th></tr>
 *   <tr><td>2</td><td>1 seat of 2: free</td><td>{@code a ANY_ONLINE}</td><td>lock-free in the first layout (its
 *       decisions were made before the race); under the lock in a layout installed during the race, which makes its
 *       decisions on first use</td></tr>
 *   <tr><td>1</td><td>1 seat of 1: full</td><td>{@code QUEUED 1}: somebody is online but nobody is free
 *       (R22)</td><td>under the lock</td></tr>
 * </table>
 *
 * <p>FORBIDDEN: {@code b ANY_ONLINE} (b is full in every state: a read of one layout's limits against the other's
 * seat counts could free it), {@code QUEUED} at any other position (nobody ever waits), {@code NO_AGENT} or {@code
 * OFFLINE_RECEIVER} (both agents are online in every state: a read of a new layout before the presences were carried
 * over into it would show nobody online), any repeat (the previewed consultation was never routed), any exception.
 *
 * <p>A layout is replaced whole (copy-on-write: built outside the lock, filled with the live facts, then published
 * by one volatile write) and never written after it is replaced, so a preview that read the old one sees one
 * consistent old state even without validation. So these tests did not fail with {@code lock.validate} skipped, and
 * are not meant to: they guard that design, and an install that changed the live layout in place, or published the
 * new one before carrying the live facts over, would show the forbidden answers.
 */
public final class PreviewDuringLayoutChange {
  private static final SubAccount A_LIMIT_2 = agent("a", 2);
  private static final SubAccount A_LIMIT_1 = agent("a", 1);

  private PreviewDuringLayoutChange() {}

  /** A router with b ONLINE and full, a ONLINE holding one seat under {@code a}'s limit, both decisions made. */
  static Router aHoldingOne(SubAccount a) {
    Router router = PreviewFixture.router(PreviewFixture.shop(A_LIMIT_2, agent("b", 1)));
    router.setPresence(id("b"), Presence.ONLINE);
    expect(router, "b ANY_ONLINE"); // b's decision exists from here on
    router.route(PreviewFixture.consultation("held-by-b")); // b is full for good
    router.setPresence(id("a"), Presence.ONLINE);
    router.route(PreviewFixture.consultation("held-by-a")); // a: 1 seat of 2
    expect(router, "a ANY_ONLINE");
    if (!a.equals(A_LIMIT_2)) {
      router.updateAccount(a);
    }
    return router;
  }

  /** a's limit is lowered from 2 to 1, filling it, while the preview runs. */
  @JCStressTest
  @Description("A preview racing a lowered limit (a new layout) gives the old or the new roster's answer")
  @Outcome(id = "a ANY_ONLINE", expect = ACCEPTABLE, desc = "before: a's limit is 2 and it holds 1 seat")
  @Outcome(id = "QUEUED 1", expect = ACCEPTABLE, desc = "after: a's limit is 1 and it holds 1 seat; b is full")
  @Outcome(id = "b ANY_ONLINE", expect = FORBIDDEN, desc = "torn: b is full in both states")
  @Outcome(expect = FORBIDDEN, desc = "neither state gives this answer (nobody, a receiver, a repeat, an exception)")
  @State
  public static class LimitLowered {
    private final Router router = aHoldingOne(A_LIMIT_2);

    @Actor
    public void lower() {
      router.updateAccount(A_LIMIT_1);
    }

    @Actor
    public void preview(L_Result r) {
      r.r1 = PreviewFixture.preview(router);
    }
  }

  /** a's limit is raised from 1 to 2, freeing it, while the preview runs. */
  @JCStressTest
  @Description("A preview racing a raised limit (a new layout) gives the old or the new roster's answer")
  @Outcome(id = "QUEUED 1", expect = ACCEPTABLE, desc = "before: a's limit is 1 and it holds 1 seat; b is full")
  @Outcome(id = "a ANY_ONLINE", expect = ACCEPTABLE, desc = "after: a's limit is 2 and it holds 1 seat")
  @Outcome(id = "b ANY_ONLINE", expect = FORBIDDEN, desc = "torn: b is full in both states")
  @Outcome(expect = FORBIDDEN, desc = "neither state gives this answer (nobody, a receiver, a repeat, an exception)")
  @State
  public static class LimitRaised {
    private final Router router = aHoldingOne(A_LIMIT_1);

    public LimitRaised() {
      expect(router, "QUEUED 1");
    }

    @Actor
    public void raise() {
      router.updateAccount(A_LIMIT_2);
    }

    @Actor
    public void preview(L_Result r) {
      r.r1 = PreviewFixture.preview(router);
    }
  }
}
