package io.fenliu.routing.jcstress;

import static io.fenliu.routing.jcstress.PreviewFixture.agent;
import static io.fenliu.routing.jcstress.PreviewFixture.expect;
import static io.fenliu.routing.jcstress.PreviewFixture.id;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

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
 * R24 for a preview racing a presence change (R17, R18, R22): the answer is one that the state before or the state
 * after the change gives.
 *
 * <p>The shop: agents {@code a} and {@code b}, limit 1 each, BASIC routing, no offline receivers. {@code b} is
 * ONLINE and holds a seat throughout, so it is never free and somebody is always online. One writer changes {@code
 * a}'s presence once; one reader previews a new consultation once. What a preview gives in each state:
 *
 * <table>
 *   <caption>States and answers</caption>
 *   <tr><th>a</th><th>b</th><th>answer</th><th>decided</th></tr>
 *   <tr><td>ONLINE, free</td><td>ONLINE, full</td><td>{@code a ANY_ONLINE}</td><td>lock-free</td></tr>
 *   <tr><td>OFFLINE</td><td>ONLINE, full</td><td>{@code QUEUED 1}: somebody is online but nobody is free
 *       (R22)</td><td>under the lock (a queue is never decided lock-free)</td></tr>
 * </table>
 *
 * <p>FORBIDDEN in both directions: {@code b ANY_ONLINE} (b has no free seat in either state; a read that takes the
 * candidates' weights from one state and a's availability from the other can land on b), {@code NO_AGENT} or
 * {@code OFFLINE_RECEIVER} (b is online in both states, so R22 queues), any repeat (the previewed consultation was
 * never routed), any exception.
 *
 * <p>Before the race each state object previews once with only {@code b} free and once with {@code a} free, so both
 * agents' decisions exist: a torn pick of either is then returned by the lock-free path, not masked by a decision it
 * would have to make under the lock.
 *
 * <p>Shown to fail: with {@code lock.validate} skipped in {@code preview} (the optimistic answer returned unchecked),
 * {@link GoingOffline} reported {@code b ANY_ONLINE} in 0.1 to 0.7 % of its samples, in every JVM of every run. Going
 * offline, the writer clears a's availability before it takes a's weight out of the candidates' tree, so a reader can
 * find a unavailable while the weight still counts it, fall through to the tree, and land on b. {@link ComingOnline}
 * saw no forbidden answer in the same runs on x86, whose stores become visible in program order: a reader that sees a's
 * weight added sees a available too. It stays as the other half of the claim, for hardware and compilers that reorder
 * those writes, and for a future engine that writes them in another order.
 */
public final class PreviewDuringPresenceChange {
  private static final Shop SHOP = PreviewFixture.shop(agent("a", 1), agent("b", 1));

  private PreviewDuringPresenceChange() {}

  /** A router with b ONLINE and full, a ONLINE and free, both decisions made (the state "a ONLINE"). */
  static Router aOnline() {
    Router router = PreviewFixture.router(SHOP);
    router.setPresence(id("b"), Presence.ONLINE);
    expect(router, "b ANY_ONLINE"); // b's decision exists from here on
    router.route(PreviewFixture.consultation("held-by-b")); // b is full for good
    router.setPresence(id("a"), Presence.ONLINE);
    expect(router, "a ANY_ONLINE");
    return router;
  }

  /** a goes OFFLINE while the preview runs. */
  @JCStressTest
  @Description("A preview racing an agent going OFFLINE gives the answer before or after, never the full agent")
  @Outcome(id = "a ANY_ONLINE", expect = ACCEPTABLE, desc = "before: a is online and free")
  @Outcome(id = "QUEUED 1", expect = ACCEPTABLE, desc = "after: a is offline; b is online but full, so R22 queues")
  @Outcome(id = "b ANY_ONLINE", expect = FORBIDDEN, desc = "torn: b is full in both states")
  @Outcome(expect = FORBIDDEN, desc = "neither state gives this answer (nobody, a receiver, a repeat, an exception)")
  @State
  public static class GoingOffline {
    private final Router router = aOnline();

    @Actor
    public void offline() {
      router.setPresence(id("a"), Presence.OFFLINE);
    }

    @Actor
    public void preview(L_Result r) {
      r.r1 = PreviewFixture.preview(router);
    }
  }

  /** a comes ONLINE while the preview runs. */
  @JCStressTest
  @Description("A preview racing an agent coming ONLINE gives the answer before or after, never the full agent")
  @Outcome(id = "QUEUED 1", expect = ACCEPTABLE, desc = "before: a is offline; b is online but full, so R22 queues")
  @Outcome(id = "a ANY_ONLINE", expect = ACCEPTABLE, desc = "after: a is online and free")
  @Outcome(id = "b ANY_ONLINE", expect = FORBIDDEN, desc = "torn: b is full in both states")
  @Outcome(expect = FORBIDDEN, desc = "neither state gives this answer (nobody, a receiver, a repeat, an exception)")
  @State
  public static class ComingOnline {
    private final Router router = aOnline();

    public ComingOnline() {
      router.setPresence(id("a"), Presence.OFFLINE);
      expect(router, "QUEUED 1");
    }

    @Actor
    public void online() {
      router.setPresence(id("a"), Presence.ONLINE);
    }

    @Actor
    public void preview(L_Result r) {
      r.r1 = PreviewFixture.preview(router);
    }
  }
}
