package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * R14, R16–R22, R25, one thread: long random histories of the operations of {@link
 * RouterIsLinearizableAgainstTheRulesModelTest}, applied to the router and to {@link RulesModel}, give equal
 * results step by step. Lincheck's scenarios are a handful of operations long; these are 30, so they reach the
 * states a short scenario rarely does (a full queue whose consultations expire while seats free, stale presence
 * changes after time advanced, restores over a lowered limit). Fixed seeds: a failure names its history.
 */
class RouterAgreesWithTheRulesModelTest {
  private static final int HISTORIES = 1_000;
  private static final int STEPS = 30;

  /** One operation, applied to the router's adapter and to the model with the same arguments. */
  private record Op(String name, Function<RouterIsLinearizableAgainstTheRulesModelTest, Object> onRouter,
      Function<RulesModel, Object> onModel) {}

  @Test
  void longRandomHistoriesGiveTheSameResults() {
    for (int seed = 0; seed < HISTORIES; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      RouterIsLinearizableAgainstTheRulesModelTest router = new RouterIsLinearizableAgainstTheRulesModelTest();
      RulesModel model = new RulesModel();
      List<String> history = new ArrayList<>();
      for (int step = 0; step < STEPS; step++) {
        Op op = next(random);
        Object got = op.onRouter.apply(router);
        Object wanted = op.onModel.apply(model);
        history.add(op.name + " -> " + got);
        assertEquals(wanted, got, "history " + seed + ", the router's results:\n" + String.join("\n", history));
      }
    }
  }

  private static Op next(SplittableRandom r) {
    int k = r.nextInt(4);
    int status = r.nextInt(2);
    int contact = r.nextInt(6);
    int follower = r.nextInt(4);
    int agent = r.nextInt(3);
    int p = r.nextInt(3);
    int t = r.nextInt(4);
    int acct = r.nextInt(3);
    int set = r.nextInt(4);
    String c = "(" + k + ", " + status + ", " + contact + ", " + follower + ")";
    return switch (r.nextInt(13)) {
      case 0 -> new Op("route" + c, x -> x.route(k, status, contact, follower),
          m -> m.route(k, status, contact, follower));
      case 1 -> new Op("preview" + c, x -> x.preview(k, status, contact, follower),
          m -> m.preview(k, status, contact, follower));
      case 2 -> new Op("end(" + k + ")", x -> x.end(k), m -> m.end(k));
      case 3 -> new Op("seat(" + k + ", " + agent + ")", x -> x.seat(k, agent), m -> m.seat(k, agent));
      case 4 -> new Op("restore(" + k + ", " + agent + ")", x -> x.restore(k, agent), m -> m.restore(k, agent));
      case 5 -> new Op("withdraw(" + k + ")", x -> x.withdraw(k), m -> m.withdraw(k));
      case 6 -> new Op("expiry(" + t + ")", x -> x.expiry(t), m -> m.expiry(t));
      case 7 -> new Op("timedPresence(" + agent + ", " + p + ", " + t + ")", x -> x.timedPresence(agent, p, t),
          m -> m.timedPresence(agent, p, t));
      case 8 -> new Op("untimedPresence(" + agent + ", " + p + ")", x -> x.untimedPresence(agent, p),
          m -> m.untimedPresence(agent, p));
      case 9 -> new Op("account(" + agent + ", " + acct + ")", x -> x.account(agent, acct),
          m -> m.account(agent, acct));
      case 10 -> new Op("settings(" + set + ")", x -> x.settings(set), m -> m.settings(set));
      case 11 -> new Op("queueLength()", RouterIsLinearizableAgainstTheRulesModelTest::queueLength,
          RulesModel::queueLength);
      default -> new Op("seatsHeld(" + agent + ")", x -> x.seatsHeld(agent), m -> m.seatsHeld(agent));
    };
  }
}
