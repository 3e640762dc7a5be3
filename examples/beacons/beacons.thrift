/*
 * The beacons service, typed: the seven commands of the beacons controller
 * with their real types. Served by pipservices_tx.thrift.ThriftService
 * (framed transport, binary protocol) when THRIFT_ENABLED is set in
 * examples/beacons/config.yml. Generated Python code: thrift_gen/.
 *
 * Thrift has no null results: a command that may return nothing answers with
 * a one-field struct whose field is absent then (BeaconResultV1,
 * PositionResultV1).
 */

namespace py beacons_v1
namespace java pipservices.examples.beacons
namespace js beacons_v1

/** A GeoJSON point: coordinates are [longitude, latitude]. */
struct GeoPointV1 {
  1: string type = "Point",
  2: list<double> coordinates,
}

struct BeaconV1 {
  1: optional string id,
  2: string site_id,
  /** unknown, altbeacon, ibeacons or eddystone-udi */
  3: optional string type,
  4: string udi,
  5: optional string label,
  6: optional GeoPointV1 center,
  7: optional double radius,
}

struct PagingParamsV1 {
  1: optional i64 skip,
  2: optional i64 take,
  /** ask for the total count of matches */
  3: optional bool total,
}

struct BeaconsPageV1 {
  /** set when the paging asked for it */
  1: optional i64 total,
  2: list<BeaconV1> data,
}

/** beacon is absent when there is no such beacon. */
struct BeaconResultV1 {
  1: optional BeaconV1 beacon,
}

/** position is absent when no beacon matched. */
struct PositionResultV1 {
  1: optional GeoPointV1 position,
}

/** The same error as commandable.thrift's, so one client reads both. */
exception ErrorDescription {
  1: optional string type,
  2: optional string category,
  3: optional i32 status,
  4: optional string code,
  5: optional string message,
  6: optional string details,
  7: optional string correlation_id,
  8: optional string cause,
  9: optional string stack_trace,
}

service BeaconsV1 {
  /** filter keys: id, site_id, udi, label, udis (comma-separated) */
  BeaconsPageV1 get_beacons(1: string correlation_id, 2: map<string, string> filter, 3: PagingParamsV1 paging)
    throws (1: ErrorDescription error),
  BeaconResultV1 get_beacon_by_id(1: string correlation_id, 2: string beacon_id)
    throws (1: ErrorDescription error),
  BeaconResultV1 get_beacon_by_udi(1: string correlation_id, 2: string udi)
    throws (1: ErrorDescription error),
  PositionResultV1 calculate_position(1: string correlation_id, 2: string site_id, 3: list<string> udis)
    throws (1: ErrorDescription error),
  BeaconV1 create_beacon(1: string correlation_id, 2: BeaconV1 beacon)
    throws (1: ErrorDescription error),
  BeaconResultV1 update_beacon(1: string correlation_id, 2: BeaconV1 beacon)
    throws (1: ErrorDescription error),
  BeaconResultV1 delete_beacon_by_id(1: string correlation_id, 2: string beacon_id)
    throws (1: ErrorDescription error),
}
