package io.fenliu.testing;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.RoutingSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of valid shops, agents, relationships (R1), routing settings (R10–R18) and
 * consultations (R18, R20), for Fenliu's property tests and users' own. {@link RandomFenliu} draws the same
 * shapes from any {@link java.util.random.RandomGenerator}, for other property libraries.
 *
 * <p>Every draw goes through a {@link Constraint} whose shrink point is the plainest value (one agent, ACTIVE,
 * routing, exclusive, follower a known agent, basic routing), so a failing example shrinks toward a shop a
 * person can read. Every generated value is valid: the value types' constructors accept it.
 *
 * <pre>{@code
 * qt().forAll(FenliuGenerators.scenarios(1, 12, 200)).checkAssert(sc -> {
 *   AnomalyReport report = AnomalyScanner.scan(sc.shop(), sc.relationships());
 *   ...
 * });
 * }</pre>
 */
public final class FenliuGenerators {
  /** The main account id of every generated shop. */
  public static final AccountId MAIN = Generation.MAIN;

  /** Roles drawn from; the first two are the well-known ones. */
  public static final List<Role> ROLES = Generation.ROLES;

  /** The instant generated consultations and open consultations are dated against. */
  public static final Instant NOW = Generation.NOW;

  private FenliuGenerators() {}

  /** The id of the {@code index}-th generated agent: {@code agent-<index>}. */
  public static AccountId agentId(int index) {
    return Generation.agentId(index);
  }

  /** The id of the {@code index}-th generated buyer: {@code buyer-<index>}. */
  public static BuyerId buyerId(int index) {
    return Generation.buyerId(index);
  }

  /** Shops with 1 to 30 sub-accounts. */
  public static Gen<Shop> shops() {
    return shops(1, 30);
  }

  /**
   * Shops with {@code minAgents} to {@code maxAgents} sub-accounts ({@code agent-0 …}) of every status and
   * permission mix, about two in three healthy exclusive agents; main account {@link #MAIN}.
   */
  public static Gen<Shop> shops(int minAgents, int maxAgents) {
    checkRange(minAgents, maxAgents, "agents");
    return in -> Generation.shop(draws(in), minAgents, maxAgents);
  }

  /** A sub-account with the given id; about two in three are healthy exclusive, routing, ACTIVE agents. */
  public static SubAccount subAccount(RandomnessSource in, AccountId id) {
    return Generation.subAccount(draws(in), Checks.notNull(id, "id"));
  }

  /**
   * Relationships of buyers {@code buyer-0 … buyer-(k-1)}, k from 0 to {@code max}: most followers are
   * sub-accounts of the shop; one in twenty each is the main account (R1.5), an unknown id (R1.1) or nobody
   * (R1.4). Versions are 0 to 3.
   */
  public static Gen<List<ExclusiveRelationship>> relationships(Shop shop, int max) {
    Checks.notNull(shop, "shop");
    checkRange(0, max, "relationships");
    return in -> Generation.relationships(draws(in), shop, 0, max);
  }

  /** One relationship for {@code buyer}; see {@link #relationships(Shop, int)}. */
  public static ExclusiveRelationship relationship(RandomnessSource in, Shop shop, BuyerId buyer) {
    return Generation.relationship(draws(in), Checks.notNull(shop, "shop"), Checks.notNull(buyer, "buyer"));
  }

  /** A shop and relationships over it, up to {@code maxRelationships}. */
  public static Gen<ShopScenario> scenarios(int minAgents, int maxAgents, int maxRelationships) {
    checkRange(minAgents, maxAgents, "agents");
    checkRange(0, maxRelationships, "relationships");
    return in -> {
      Draw d = draws(in);
      Shop shop = Generation.shop(d, minAgents, maxAgents);
      return new ShopScenario(shop, Generation.relationships(d, shop, 0, maxRelationships));
    };
  }

  /** Valid routing settings over {@code shop}'s agents: either mode, page sets, up to three groups, receivers. */
  public static Gen<RoutingSettings> settings(Shop shop) {
    Checks.notNull(shop, "shop");
    return in -> Generation.settings(draws(in), shop);
  }

  /** Valid routing settings over {@code shop}'s agents, drawn from {@code in}; see {@link #settings(Shop)}. */
  public static RoutingSettings settings(RandomnessSource in, Shop shop) {
    return Generation.settings(draws(in), Checks.notNull(shop, "shop"));
  }

  /**
   * One to {@code max} consultations of buyers {@code buyer-0 …} over {@code shop}: any page and order status;
   * half state a recent contact up to five days before {@link #NOW} (R18), half an exclusive follower.
   */
  public static Gen<List<Consultation>> consultations(Shop shop, int max) {
    Checks.notNull(shop, "shop");
    checkRange(1, max, "consultations");
    return in -> {
      Draw d = draws(in);
      int n = d.between(1, max);
      List<Consultation> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(Generation.consultation(d, shop, i));
      }
      return list;
    };
  }

  /** The {@code i}-th consultation over {@code shop}, drawn from {@code in}; see {@link #consultations}. */
  public static Consultation consultation(RandomnessSource in, Shop shop, int i) {
    return Generation.consultation(draws(in), Checks.notNull(shop, "shop"), i);
  }

  /**
   * Zero to {@code max} open consultations (R20) of distinct ids and buyers, each seated with one of the shop's
   * agents within the day before {@link #NOW}.
   */
  public static Gen<List<OpenConsultation>> openConsultations(Shop shop, int max) {
    Checks.notNull(shop, "shop");
    checkRange(0, max, "open consultations");
    return in -> {
      Draw d = draws(in);
      int n = d.between(0, max);
      List<OpenConsultation> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(Generation.openConsultation(d, shop, i));
      }
      return list;
    };
  }

  /**
   * A shop and relationships over it, as one generated value.
   *
   * @param shop the shop
   * @param relationships relationships of distinct buyers
   */
  public record ShopScenario(Shop shop, List<ExclusiveRelationship> relationships) {
    /** Validates and copies the list. */
    public ShopScenario {
      Checks.notNull(shop, "shop");
      relationships = List.copyOf(relationships);
    }
  }

  /** A draw in {@code [min, max]} that shrinks toward {@code min}. */
  public static int draw(RandomnessSource in, int min, int max) {
    return (int) in.next(Constraint.between(min, max));
  }

  private static Draw draws(RandomnessSource in) {
    Checks.notNull(in, "randomness source");
    return (min, max) -> draw(in, min, max);
  }

  static void checkRange(int min, int max, String what) {
    if (min < 0 || min > max) {
      throw new InvalidValueException("number of " + what, null,
          "the number of " + what + " must be a range [min, max] with 0 <= min <= max: [" + min + ", " + max + "]");
    }
  }
}
