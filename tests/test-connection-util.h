/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pb-connection.h"

G_BEGIN_DECLS

/* A file of tests/fixtures as a json-glib tree. */
JsonNode     *load_fixture_node  (const char   *name);
/* These fail the test when the text does not parse. */
PbConnection *parse_one          (const char   *text);
GPtrArray    *parse_list_fixture (const char   *name);
PbConnection *parse_one_fixture  (const char   *name);
/* Checks every field of the connection against the JSON object it came from. */
void          check_against_json (PbConnection *c,
                                  JsonObject   *o);
guint         n_items            (GListModel   *model);
/* The row at `position`, which must be a PbNameValue (the model keeps it alive). */
PbNameValue  *name_value_at      (GListModel   *model,
                                  guint         position);

G_END_DECLS
