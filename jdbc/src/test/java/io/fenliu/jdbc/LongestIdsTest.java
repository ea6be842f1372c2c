package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RecentContact;
import io.fenliu.core.ShopId;
import io.fenliu.jdbc.FenliuSchema.Dialect;
import io.fenliu.routing.OpenConsultation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The one maximum id length of core (128 characters) is the width of every id column of every dialect, so an id
 * the library accepts is always stored: a batch of transfers to the longest agent id is written, and a longer id
 * is refused where it is made, before it can reach a batch (issue 18).
 */
class LongestIdsTest {
  private static final Pattern ID_COLUMN = Pattern.compile("(\\w+_id)\\s+VARCHAR\\((\\d+)\\)");

  private static String longest(char c) {
    return String.valueOf(c).repeat(AccountId.MAX_LENGTH - 1) + "z";
  }

  @Test
  void everyIdColumnOfEveryDialectIsAsWideAsTheLongestId() {
    for (Dialect d : Dialect.values()) {
      String sql = String.join("\n", FenliuSchema.statements(d));
      Matcher m = ID_COLUMN.matcher(sql);
      List<String> columns = new ArrayList<>();
      while (m.find()) {
        columns.add(m.group(1));
        assertEquals(AccountId.MAX_LENGTH, Integer.parseInt(m.group(2)), d + " " + m.group(1));
      }
      assertTrue(columns.containsAll(List.of("shop_id", "buyer_id", "follower_id", "agent_id", "consultation_id")),
          d + ": " + columns);
    }
    assertEquals(List.of(AccountId.MAX_LENGTH, AccountId.MAX_LENGTH, AccountId.MAX_LENGTH),
        List.of(BuyerId.MAX_LENGTH, ConsultationId.MAX_LENGTH, ShopId.MAX_LENGTH));
  }

  @Test
  void idsOf128CharactersAreStoredAndABatchToTheLongestAgentIsWritten() {
    DataSource db = Databases.h2();
    ShopId shop = ShopId.of(longest('s'));
    AccountId agent = AccountId.of(longest('a'));
    AccountId other = AccountId.of("\uD83D\uDE00".repeat(AccountId.MAX_LENGTH / 2));
    BuyerId buyer = BuyerId.of(longest('b'));
    ConsultationId consultation = ConsultationId.of(longest('c'));
    Instant at = Instant.parse("2026-12-01T08:00:00Z");

    JdbcRelationshipStore relationships = JdbcRelationshipStore.builder(db, shop).build();
    List<RelationshipStore.Write> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ExclusiveRelationship r = ExclusiveRelationship.of(BuyerId.of("buyer-" + i), other);
      relationships.insert(r);
      batch.add(new RelationshipStore.Write(r.version(), r.movedTo(agent)));
    }
    relationships.insert(ExclusiveRelationship.of(buyer, agent));
    assertEquals(List.of(RelationshipStore.WriteOutcome.WRITTEN), relationships.compareAndSetAll(batch).stream()
        .distinct().toList(), "every move of the batch is written");
    assertEquals(Optional.of(agent), relationships.read(BuyerId.of("buyer-7")).orElseThrow().follower());
    assertEquals(Optional.of(agent), relationships.read(buyer).orElseThrow().follower());

    JdbcOpenConsultationStore open = JdbcOpenConsultationStore.of(db, shop);
    OpenConsultation seated = new OpenConsultation(consultation, buyer, other, at);
    open.opened(seated);
    List<OpenConsultation> restored = new ArrayList<>();
    open.forEachOpen(restored::add);
    assertEquals(List.of(seated), restored);

    JdbcRecentContactStore contacts = JdbcRecentContactStore.of(db, shop);
    contacts.record(buyer, agent, at);
    assertEquals(Optional.of(new RecentContact(agent, at)), contacts.recentContact(buyer, at, Duration.ofDays(3)));
  }

  @Test
  void a129CharacterIdIsRefusedWhereItIsMadeSoItNeverReachesABatch() {
    String tooLong = longest('a') + "a";
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> AccountId.of(tooLong));
    assertEquals("account id", e.argument());
    assertTrue(e.getMessage().contains("at most 128 characters"), e.getMessage());
    assertThrows(InvalidValueException.class, () -> BuyerId.of(tooLong));
    assertThrows(InvalidValueException.class, () -> ConsultationId.of(tooLong));
    assertThrows(InvalidValueException.class, () -> ShopId.of(tooLong));
    assertThrows(InvalidValueException.class, () -> AccountId.of("\uD83D\uDE00".repeat(AccountId.MAX_LENGTH / 2 + 1)),
        "65 emoji are 130 UTF-16 units: too long for H2's VARCHAR(128), which counts those");
  }
}
