package io.fenliu.flink.internal;

import io.fenliu.flink.Diagnostic;
import io.fenliu.flink.RelationshipHealthUpdate;
import io.fenliu.flink.RouterOutput;
import io.fenliu.flink.SequencedEvent;
import io.fenliu.flink.ShopRelationship;
import io.fenliu.flink.ShopReport;
import io.fenliu.flink.VerdictChange;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information of the job's records, each with its own serializer (no Kryo, R25). */
public final class Types {
  /** Of the input envelope. */
  public static final TypeInformation<SequencedEvent> SEQUENCED_EVENT =
      new RecordTypeInfo<>(SequencedEvent.class, SequencedEventSerializer.INSTANCE);
  /** Of an output message. */
  public static final TypeInformation<RouterOutput> ROUTER_OUTPUT =
      new RecordTypeInfo<>(RouterOutput.class, RouterOutputSerializer.INSTANCE);
  /** Of a diagnostic. */
  public static final TypeInformation<Diagnostic> DIAGNOSTIC =
      new RecordTypeInfo<>(Diagnostic.class, DiagnosticSerializer.INSTANCE);

  /** Of a relationship of the anomaly report job. */
  public static final TypeInformation<ShopRelationship> SHOP_RELATIONSHIP =
      new RecordTypeInfo<>(ShopRelationship.class, ShopRelationshipSerializer.INSTANCE);
  /** Of a shop's anomaly report. */
  public static final TypeInformation<ShopReport> SHOP_REPORT =
      new RecordTypeInfo<>(ShopReport.class, ShopReportSerializer.INSTANCE);

  /** Of a roster change between the health job's reader and its per-agent function. */
  public static final TypeInformation<RosterChange> ROSTER_CHANGE =
      new RecordTypeInfo<>(RosterChange.class, RosterChangeSerializer.INSTANCE);
  /** Of an agent's verdict change (R9). */
  public static final TypeInformation<VerdictChange> VERDICT_CHANGE =
      new RecordTypeInfo<>(VerdictChange.class, VerdictChangeSerializer.INSTANCE);
  /** Of a relationship's health change, with its planned move (R9). */
  public static final TypeInformation<RelationshipHealthUpdate> RELATIONSHIP_HEALTH_UPDATE =
      new RecordTypeInfo<>(RelationshipHealthUpdate.class, RelationshipHealthUpdateSerializer.INSTANCE);

  private Types() {}
}
