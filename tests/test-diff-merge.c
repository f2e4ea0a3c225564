/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conflicts (pb_diff_overlaps(), pb_diff_reapply()): two edits of the same version that touch
 * different fields merge, with everything else of the server's version as received; edits of
 * the same field, or of a field and something inside it, are refused. */
#define G_LOG_DOMAIN "test-diff-merge"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-diff.h"
#include "pb-json.h"
#include "pb-test-json.h"
#include "pb-test-util.h"

/* {{{ Helpers */

/* `json` (an object's text) with `members` ("\"a\":1") added last, as text: what json-glib
 * could not write (2^64). */
static char *
with_text (const char *json,
           const char *members)
{
  gsize length = strlen (json);

  g_assert_cmpint (json[length - 1], ==, '}');

  return g_strdup_printf ("%.*s,%s}", (int) length - 1, json, members);
}

static char *
paths_of (const char *old_json,
          const char *new_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = pb_diff_connections (old_json, new_json,
                                                      PB_DIFF_IGNORE_SERVER_FIELDS
                                                      | PB_DIFF_REVEAL_SECRETS, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, ((PbDiffEntry *) g_ptr_array_index (entries, i))->path);
    }

  return g_strdup (out->str);
}

/* Re-applies, which must succeed: the result is valid JSON, and from theirs to it exactly
 * what changed from base to mine changed. */
static char *
reapply (const char *base,
         const char *mine,
         const char *theirs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) overlap_error = NULL;
  char *merged;
  g_autofree char *mine_paths = NULL;
  g_autofree char *merged_paths = NULL;

  g_assert_false (pb_diff_overlaps (base, mine, theirs, &overlap_error));
  g_assert_no_error (overlap_error);

  merged = pb_diff_reapply (base, mine, theirs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merged);
  g_assert_true (pb_json_text_check (merged, strlen (merged), PB_JSON_CHECK_DEFAULT, NULL));

  mine_paths = paths_of (base, mine);
  merged_paths = paths_of (theirs, merged);
  g_assert_cmpstr (merged_paths, ==, mine_paths);

  return merged;
}

static void
assert_refused (const char *base,
                const char *mine,
                const char *theirs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = NULL;

  g_assert_true (pb_diff_overlaps (base, mine, theirs, NULL));
  /* Either way round. */
  g_assert_true (pb_diff_overlaps (base, theirs, mine, NULL));

  merged = pb_diff_reapply (base, mine, theirs, &error);
  g_assert_error (error, PB_DIFF_ERROR, PB_DIFF_ERROR_OVERLAP);
  g_assert_null (merged);
}

static JsonObject *
parse_object (const char *json,
              JsonNode  **root)
{
  *root = json_from_string (json, NULL);
  g_assert_nonnull (*root);

  return json_node_get_object (*root);
}

/* The connection of the test request fixture: headers, mappings, a body, every field. */
static char *
sms_connection (void)
{
  return pb_test_fixture_member ("test-connection-request.json", "connection");
}

/* }}} */

/* Mine changed the name, a header and an input mapping; the server changed the description,
 * the URL, another header, the revision and added a member Plugboard does not know. */
static void
test_merge_disjoint_fields (void)
{
  g_autofree char *base = sms_connection ();
  g_autofree char *m1 = pb_test_json_set (base, "name", "\"SMS gateway (mine)\"");
  g_autofree char *m2 = pb_test_json_set (m1, "customHeaders",
                                     "[{\"name\":\"Accept\",\"value\":\"text/plain\"},"
                                     "{\"name\":\"Content-Type\",\"value\":\"application/json\"},"
                                     "{\"name\":\"X-Channel\",\"value\":\"{sms}\"}]");
  g_autofree char *mine = pb_test_json_set (m2, "inputMappings",
                                       "[{\"label\":\"Phone number\",\"key\":\"phone\","
                                       "\"type\":\"string\",\"exampleValue\":\"+15550100\","
                                       "\"mapping\":\"\"},{\"label\":\"Text\",\"key\":\"text\","
                                       "\"type\":\"string\",\"exampleValue\":"
                                       "\"Your order shipped\",\"mapping\":\"\"}]");
  g_autofree char *t1 = pb_test_json_set (base, "description", "\"Changed on the server\"");
  g_autofree char *t2 = pb_test_json_set (t1, "request.connectionUrl",
                                          "\"https://sms.example.com/v2\"");
  g_autofree char *t3 = pb_test_json_set (t2, "revision", "4");
  g_autofree char *t4 = pb_test_json_set (t3, "customHeaders",
                                     "[{\"name\":\"Accept\",\"value\":\"application/json\"},"
                                     "{\"name\":\"Content-Type\",\"value\":\"application/json\"},"
                                     "{\"name\":\"X-Channel\",\"value\":\"{sms}\"},"
                                     "{\"name\":\"X-Server\",\"value\":\"1\"}]");
  g_autofree char *t5 = pb_test_json_set (t4, "inputMappings",
                                     "[{\"label\":\"Phone\",\"key\":\"phone\","
                                     "\"type\":\"string\",\"exampleValue\":\"+15550199\","
                                     "\"mapping\":\"\"},{\"label\":\"Text\",\"key\":\"text\","
                                     "\"type\":\"string\",\"exampleValue\":"
                                     "\"Your order shipped\",\"mapping\":\"\"}]");
  g_autofree char *theirs = with_text (t5, "\"big\":18446744073709551616,"
                                           "\"note\":\"caf\\u00e9\"");
  g_autofree char *merged = reapply (base, mine, theirs);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_object (merged, &root);
  JsonArray *headers = json_object_get_array_member (object, "customHeaders");
  JsonObject *phone = json_array_get_object_element (
    json_object_get_array_member (object, "inputMappings"), 0);

  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "SMS gateway (mine)");
  g_assert_cmpstr (json_object_get_string_member (object, "description"), ==,
                   "Changed on the server");
  g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "request"),
                                                  "connectionUrl"), ==,
                   "https://sms.example.com/v2");
  g_assert_cmpuint (json_array_get_length (headers), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (headers, 0),
                                                  "value"), ==, "text/plain");
  /* Two columns of one row, one changed by each side. */
  g_assert_cmpstr (json_object_get_string_member (phone, "label"), ==, "Phone number");
  g_assert_cmpstr (json_object_get_string_member (phone, "exampleValue"), ==, "+15550199");

  /* What mine did not touch is written as the server sent it: 2^64, the escape. */
  g_assert_nonnull (strstr (merged, "\"big\":18446744073709551616"));
  g_assert_nonnull (strstr (merged, "\"note\":\"caf\\u00e9\""));
}

/* Rows and members mine added or removed; members it removed are gone from theirs too. */
static void
test_merge_added_and_removed (void)
{
  g_autofree char *base = sms_connection ();
  g_autofree char *m1 = pb_test_json_set (base, "description", NULL);
  g_autofree char *m2 = pb_test_json_set (m1, "customHeaders",
                                     "[{\"name\":\"Accept\",\"value\":\"application/json\"},"
                                     "{\"name\":\"X-Mine\",\"value\":\"m\"}]");
  g_autofree char *mine = pb_test_json_set (m2, "auth.clientId", "\"client\"");
  g_autofree char *t1 = pb_test_json_set (base, "name", "\"Renamed on the server\"");
  g_autofree char *theirs = pb_test_json_set (t1, "auth.accessTokenUrl",
                                         "\"https://token.example.com\"");
  g_autofree char *merged = reapply (base, mine, theirs);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_object (merged, &root);
  JsonObject *auth = json_object_get_object_member (object, "auth");
  JsonArray *headers = json_object_get_array_member (object, "customHeaders");

  g_assert_false (json_object_has_member (object, "description"));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Renamed on the server");
  g_assert_cmpstr (json_object_get_string_member (auth, "clientId"), ==, "client");
  g_assert_cmpstr (json_object_get_string_member (auth, "accessTokenUrl"), ==,
                   "https://token.example.com");
  g_assert_cmpuint (json_array_get_length (headers), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (headers, 1),
                                                  "name"), ==, "X-Mine");
}

/* The server's fields always come from theirs, and never make a conflict. */
static void
test_merge_server_fields (void)
{
  g_autofree char *base = sms_connection ();
  g_autofree char *m1 = pb_test_json_set (base, "revision", "99");
  g_autofree char *mine = pb_test_json_set (m1, "name", "\"Mine\"");
  g_autofree char *t1 = pb_test_json_set (base, "revision", "4");
  g_autofree char *theirs = with_text (t1, "\"modifiedAt\":\"2026-12-05T10:00:00.000Z\"");
  g_autofree char *merged = reapply (base, mine, theirs);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_object (merged, &root);

  g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (object, "modifiedAt"), ==,
                   "2026-12-05T10:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Mine");
}

/* Nothing changed on either side but the revision: theirs, as received. */
static void
test_merge_nothing_to_apply (void)
{
  const char *base = "{\"revision\":1,\"name\":\"a\",\"x\":18446744073709551616}";
  const char *theirs = "{\"revision\":2,\"name\":\"a\",\"x\":18446744073709551616}";
  g_autofree char *merged = reapply (base, base, theirs);

  g_assert_cmpstr (merged, ==, theirs);
}

static void
test_merge_same_field (void)
{
  g_autofree char *base = sms_connection ();
  g_autofree char *mine = pb_test_json_set (base, "name", "\"Mine\"");
  g_autofree char *theirs = pb_test_json_set (base, "name", "\"Theirs\"");
  g_autofree char *mine_header = pb_test_json_set (base, "customHeaders",
                                              "[{\"name\":\"Accept\",\"value\":\"a\"}]");
  g_autofree char *theirs_header = pb_test_json_set (base, "customHeaders",
                                                "[{\"name\":\"Accept\",\"value\":\"b\"}]");

  assert_refused (base, mine, theirs);
  assert_refused (base, mine_header, theirs_header);
  /* Even to the same value: the user decides. */
  assert_refused (base, mine, mine);
}

/* A field and something inside it: the whole auth and its client ID, a header removed and its
 * value changed, a table that cannot be paired by name and a row of it. */
static void
test_merge_prefix_overlap (void)
{
  g_autofree char *base = sms_connection ();
  g_autofree char *no_auth = pb_test_json_set (base, "auth", "null");
  g_autofree char *client_id = pb_test_json_set (base, "auth.clientId", "\"c\"");
  g_autofree char *value = pb_test_json_set (base, "customHeaders",
                                        "[{\"name\":\"Accept\",\"value\":\"a\"},"
                                        "{\"name\":\"Content-Type\",\"value\":"
                                        "\"application/json\"},"
                                        "{\"name\":\"X-Channel\",\"value\":\"{sms}\"}]");
  g_autofree char *removed = pb_test_json_set (base, "customHeaders",
                                          "[{\"name\":\"Content-Type\",\"value\":"
                                          "\"application/json\"},{\"name\":\"X-Channel\","
                                          "\"value\":\"{sms}\"}]");
  g_autofree char *twice = pb_test_json_set (base, "customHeaders",
                                        "[{\"name\":\"Accept\",\"value\":\"application/json\"},"
                                        "{\"name\":\"Content-Type\",\"value\":"
                                        "\"application/json\"},"
                                        "{\"name\":\"X-Channel\",\"value\":\"{sms}\"},"
                                        "{\"name\":\"X-Channel\",\"value\":\"again\"}]");

  assert_refused (base, no_auth, client_id);
  assert_refused (base, value, removed);
  assert_refused (base, value, twice);
}

/* Paths that only start alike do not overlap: "name" and "nameSuffix", two headers. */
static void
test_merge_similar_paths (void)
{
  const char *base = "{\"name\":\"a\",\"nameSuffix\":\"s\",\"customHeaders\":"
                     "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"AB\",\"value\":\"2\"}]}";
  const char *mine = "{\"name\":\"b\",\"nameSuffix\":\"s\",\"customHeaders\":"
                     "[{\"name\":\"A\",\"value\":\"9\"},{\"name\":\"AB\",\"value\":\"2\"}]}";
  const char *theirs = "{\"name\":\"a\",\"nameSuffix\":\"t\",\"customHeaders\":"
                       "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"AB\",\"value\":\"8\"}]}";
  g_autofree char *merged = reapply (base, mine, theirs);

  g_assert_cmpstr (merged, ==,
                   "{\"name\":\"b\",\"nameSuffix\":\"t\",\"customHeaders\":"
                   "[{\"name\":\"A\",\"value\":\"9\"},{\"name\":\"AB\",\"value\":\"8\"}]}");
}

/* An object mine made where there was none, and the server did too: merged member by member. */
static void
test_merge_new_objects (void)
{
  const char *base = "{\"name\":\"a\"}";
  const char *mine = "{\"name\":\"a\",\"auth\":{\"clientId\":\"c\"}}";
  const char *theirs = "{\"name\":\"a\",\"auth\":{\"authType\":\"OAUTH\"}}";
  g_autofree char *merged = reapply (base, mine, theirs);

  g_assert_cmpstr (merged, ==,
                   "{\"name\":\"a\",\"auth\":{\"authType\":\"OAUTH\",\"clientId\":\"c\"}}");
}

/* Many rows and members on each side: re-applied member by member and row by row, found by
 * name, not by a search of every row for each one. */
static void
test_merge_large (void)
{
  g_autoptr(GString) base = g_string_new ("{\"customHeaders\":[");
  g_autoptr(GString) mine = g_string_new ("{\"customHeaders\":[");
  g_autoptr(GString) theirs = g_string_new ("{\"customHeaders\":[");
  g_autofree char *merged = NULL;
  guint n = 5000;

  for (guint i = 0; i < n; i++)
    {
      const char *comma = i > 0 ? "," : "";

      g_string_append_printf (base, "%s{\"name\":\"H%u\",\"value\":\"%u\"}", comma, i, i);
      g_string_append_printf (mine, "%s{\"name\":\"H%u\",\"value\":\"m%u\"}", comma, i, i);
      g_string_append_printf (theirs, "%s{\"name\":\"H%u\",\"value\":\"%u\",\"t\":1}", comma,
                              i, i);
    }
  g_string_append (base, "]");
  g_string_append (mine, "]");
  g_string_append (theirs, "]");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (base, ",\"u%u\":%u", i, i);
      g_string_append_printf (mine, ",\"u%u\":%u", i, i + 1);
      g_string_append_printf (theirs, ",\"u%u\":%u,\"v%u\":0", i, i, i);
    }
  g_string_append_c (base, '}');
  g_string_append_c (mine, '}');
  g_string_append_c (theirs, '}');

  merged = reapply (base->str, mine->str, theirs->str);
  g_assert_nonnull (strstr (merged, "{\"name\":\"H4999\",\"value\":\"m4999\",\"t\":1}"));
  g_assert_nonnull (strstr (merged, "\"u4999\":5000,\"v4999\":0"));
}

static void
test_merge_not_a_connection (void)
{
  const char *good = "{\"name\":\"a\"}";
  const char *bad[] = { "", "[1]", "{\"a\":}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    for (guint side = 0; side < 3; side++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GError) reapply_error = NULL;
        g_autofree char *merged = NULL;
        const char *texts[3] = { good, good, good };

        texts[side] = bad[i];
        g_assert_false (pb_diff_overlaps (texts[0], texts[1], texts[2], &error));
        g_assert_error (error, PB_PARSE_ERROR, (i == 1 ? PB_PARSE_ERROR_STRUCTURE
                                                       : PB_PARSE_ERROR_SYNTAX));
        merged = pb_diff_reapply (texts[0], texts[1], texts[2], &reapply_error);
        g_assert_null (merged);
        g_assert_error (reapply_error, PB_PARSE_ERROR, error->code);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff-merge/disjoint-fields", test_merge_disjoint_fields);
  g_test_add_func ("/diff-merge/added-and-removed", test_merge_added_and_removed);
  g_test_add_func ("/diff-merge/server-fields", test_merge_server_fields);
  g_test_add_func ("/diff-merge/nothing-to-apply", test_merge_nothing_to_apply);
  g_test_add_func ("/diff-merge/same-field", test_merge_same_field);
  g_test_add_func ("/diff-merge/prefix-overlap", test_merge_prefix_overlap);
  g_test_add_func ("/diff-merge/similar-paths", test_merge_similar_paths);
  g_test_add_func ("/diff-merge/new-objects", test_merge_new_objects);
  g_test_add_func ("/diff-merge/large", test_merge_large);
  g_test_add_func ("/diff-merge/not-a-connection", test_merge_not_a_connection);

  return g_test_run ();
}
