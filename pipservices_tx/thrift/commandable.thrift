/*
 * The generic commandable interface of pipservices_tx: any command of a
 * controller's CommandSet, called by name with JSON arguments.
 *
 * Served by pipservices_tx.thrift.CommandableThriftService (framed transport,
 * binary protocol); called by pipservices_tx.thrift.CommandableThriftClient or
 * by any client generated from this file.
 */

namespace py commandable
namespace java pipservices.thrift.commandable
namespace js commandable

/**
 * An error as it crosses the wire: the fields of the JSON error body of the
 * REST services, with details as a JSON object in a string.
 */
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

service Commandable {
  /**
   * Runs the command called `name` with the arguments of `args_json` (a JSON
   * object; empty means none) and returns its result as JSON (`null` when it
   * has none). A failure is the ErrorDescription of the exception it raised.
   */
  string invoke(1: string name, 2: string correlation_id, 3: string args_json)
    throws (1: ErrorDescription error),
}
