/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* The report of POST /v2/connections/testConnection, read for people: what the outside service
 * answered, how long it took, the headers that were sent, and the whole report as pretty JSON.
 * Only `statusCode`, `executionTimeInMilliseconds` and `request.headers` are documented; the
 * rest is shown as it is. */
#define PB_TYPE_TEST_REPORT (pb_test_report_get_type ())
G_DECLARE_FINAL_TYPE (PbTestReport, pb_test_report, PB, TEST_REPORT, GObject)

/* Reads a report (JSON text as pb_client_test_connection_finish() returns it). Fails with
 * PB_PARSE_ERROR when it is not a JSON object. Missing or wrongly typed members are not errors:
 * they read as "not known". */
PbTestReport *pb_test_report_new_from_data        (const char           *data,
                                                   gssize                length,
                                                   GError              **error);
/* The same, on a worker thread (a report may be large). */
void          pb_test_report_new_async            (const char           *data,
                                                   gssize                length,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PbTestReport *pb_test_report_new_finish           (GAsyncResult         *result,
                                                   GError              **error);

/* `statusCode`: what the outside service answered; 0 when the report does not say. */
guint         pb_test_report_get_status           (PbTestReport         *self);
/* "202 Accepted", "599"; NULL when the status is not known. */
const char   *pb_test_report_get_status_text      (PbTestReport         *self);
/* Whether the outside service answered with a 2xx status. */
gboolean      pb_test_report_get_succeeded        (PbTestReport         *self);
/* `executionTimeInMilliseconds`, or -1 when the report does not say. */
gint64        pb_test_report_get_execution_time   (PbTestReport         *self);
/* `request.headers`, given as an object {"Name": "value"} or as an array of {name, value}:
 * a GListModel of PbNameValue in the report's order. A value that is not a string is shown
 * as compact JSON (an array of strings is joined with ", "). */
GListModel   *pb_test_report_get_headers          (PbTestReport         *self);
/* Whether the report holds a value that looks secret: a non-empty value of a header whose name
 * looks secret (see pb_secret_name_looks_secret()), a secret-looking query parameter of
 * request.url, a secret-looking member of request.body (see pb_secret_mask_json_text()), or a
 * member such as access_token. */
gboolean      pb_test_report_get_has_secrets      (PbTestReport         *self);
/* The whole report, pretty-printed (strings and numbers exactly as received). */
const char   *pb_test_report_get_json_pretty      (PbTestReport         *self);
/* The same with those values (see pb_test_report_get_has_secrets()) replaced by a mask, for
 * showing; equal to the above when there is nothing to hide. */
const char   *pb_test_report_get_json_pretty_masked (PbTestReport       *self);

G_END_DECLS
