/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* JSON texts for tests, built with json-glib (so only values it writes as they are: no 2^64). */

/* The member `member` of the object in tests/fixtures/`name`, as compact JSON text. */
char *pb_test_fixture_member (const char *name,
                              const char *member);

/* `json` (an object) with the member at `path` (member names joined by '.', as
 * "request.connectionUrl"; missing objects on the way are made) set to the JSON text `value`,
 * or removed when `value` is NULL. Compact JSON text. */
char *pb_test_json_set       (const char *json,
                              const char *path,
                              const char *value);

G_END_DECLS
