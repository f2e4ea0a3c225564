/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-compare.h"
#include "pb-connection.h"

G_BEGIN_DECLS

/* Scaffolding of the compare tests (test-compare*.c). */

/* A connection read from JSON written with single quotes (pb_test_json()); fails the test when
 * it does not read. */
PbConnection  *pb_test_compare_connection (const char  *json);
/* A GListStore of connections, each made by pb_test_compare_connection(); NULL-terminated. */
GListStore    *pb_test_compare_list       (const char  *json,
                                           ...) G_GNUC_NULL_TERMINATED;
/* Groups again and waits until the model shows the result. */
void           pb_test_compare_wait       (PbCompare   *compare);
/* The pair or single whose source (else target) is named `name` exactly; fails when none. */
PbComparePair *pb_test_compare_get        (PbCompare   *compare,
                                           const char  *name);
/* The counts of the four groups, as "only-in-source/only-in-target/different/identical". */
char          *pb_test_compare_counts     (PbCompare   *compare);

G_END_DECLS
