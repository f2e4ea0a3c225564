/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The differences between two versions of a connection (pb-diff.h): what counts as a change,
 * how each is named and shown, in which order, masked (the line diff: test-diff-lines.c). */
#define G_LOG_DOMAIN "test-diff"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-diff.h"
#include "pb-json.h"
#include "pb-secret.h"
#include "pb-test-json.h"
#include "pb-test-util.h"

/* {{{ Helpers */

static GPtrArray *
diff (const char  *old_json,
      const char  *new_json,
      PbDiffFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = pb_diff_connections (old_json, new_json, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);

  return entries;
}

static PbDiffEntry *
find_entry (GPtrArray  *entries,
            const char *path)
{
  for (guint i = 0; i < entries->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->path, path))
        return entry;
    }

  return NULL;
}

static PbDiffEntry *
get_entry (GPtrArray  *entries,
           const char *path)
{
  PbDiffEntry *entry = find_entry (entries, path);

  if (entry == NULL)
    g_error ("No entry for %s", path);

  return entry;
}

/* The paths of the entries, joined by spaces, to compare at once. */
static char *
paths_of (GPtrArray *entries)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (entries, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, entry->path);
    }

  return g_strdup (out->str);
}

static void
assert_entry (GPtrArray  *entries,
              const char *path,
              PbDiffKind  kind,
              const char *label,
              const char *old_text,
              const char *new_text)
{
  PbDiffEntry *entry = get_entry (entries, path);

  g_assert_cmpint (entry->kind, ==, kind);
  g_assert_cmpstr (entry->label, ==, label);
  g_assert_cmpstr (entry->old_text, ==, old_text);
  g_assert_cmpstr (entry->new_text, ==, new_text);
}

/* `json` with every object's members in the opposite order and every array of objects (the
 * tables) reversed. */
static JsonNode *
reverse_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(JsonObject) reversed = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      members = g_list_reverse (members);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (reversed, l->data,
                                reverse_node (json_object_get_member (object, l->data)));

      return json_node_init_object (json_node_alloc (), reversed);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) reversed = json_array_new ();

      for (guint i = json_array_get_length (array); i > 0; i--)
        json_array_add_element (reversed, reverse_node (json_array_get_element (array, i - 1)));

      return json_node_init_array (json_node_alloc (), reversed);
    }

  return json_node_copy (node);
}

static char *
reversed_text (const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autoptr(JsonNode) reversed = reverse_node (root);

  return json_to_string (reversed, FALSE);
}

/* The connection of the test request fixture: headers, mappings, a body, every field. */
static char *
sms_connection (void)
{
  return pb_test_fixture_member ("test-connection-request.json", "connection");
}

/* }}} */

/* {{{ What counts as a change */

/* Members in another order, rows of the tables in another order: nothing changed. */
static void
test_diff_order_does_not_count (void)
{
  g_autofree char *sms = sms_connection ();
  g_autofree char *reversed = reversed_text (sms);
  g_autofree char *list = pb_test_read_fixture ("list-connections.json");
  g_autoptr(JsonNode) list_root = json_from_string (list, NULL);
  JsonArray *items = json_object_get_array_member (json_node_get_object (list_root), "items");
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_cmpstr (sms, !=, reversed);
  entries = diff (sms, reversed, PB_DIFF_DEFAULT);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item = json_to_string (json_array_get_element (items, i), FALSE);
      g_autofree char *item_reversed = reversed_text (item);

      entries = diff (item, item_reversed, PB_DIFF_REVEAL_SECRETS);
      g_assert_cmpuint (entries->len, ==, 0);
      g_clear_pointer (&entries, g_ptr_array_unref);
    }

  /* The same text and white space between tokens are no change either. */
  entries = diff ("{\"a\": [1, {\"b\": true}]}", "{\"a\":[1,{\"b\":true}]}", PB_DIFF_DEFAULT);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_diff_server_fields (void)
{
  g_autofree char *sms = sms_connection ();
  g_autofree char *step1 = pb_test_json_set (sms, "revision", "4");
  g_autofree char *step2 = pb_test_json_set (step1, "modifiedAt", "\"2026-12-05T10:00:00.000Z\"");
  g_autofree char *step3 = pb_test_json_set (step2, "modifiedByRef", "\"someone\"");
  g_autofree char *server = pb_test_json_set (step3, "href", "\"<baseURL>/v2/connections/other\"");
  g_autoptr(GPtrArray) ignored = diff (sms, server, PB_DIFF_IGNORE_SERVER_FIELDS);
  g_autoptr(GPtrArray) reported = diff (sms, server, PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (reported);

  g_assert_cmpuint (ignored->len, ==, 0);
  g_assert_cmpstr (paths, ==, "href revision modifiedAt modifiedByRef");
  assert_entry (reported, "revision", PB_DIFF_CHANGED, "Revision", "3", "4");
  assert_entry (reported, "modifiedAt", PB_DIFF_ADDED, "Last Modified", NULL,
                "2026-12-05T10:00:00.000Z");
}

/* Each kind of field, named with the words of the detail page, in the order of the form. */
static void
test_diff_fields (void)
{
  g_autofree char *sms = sms_connection ();
  g_autofree char *a = pb_test_json_set (sms, "name", "\"SMS gateway 2\"");
  g_autofree char *b = pb_test_json_set (a, "description", NULL);
  g_autofree char *c = pb_test_json_set (b, "auth.clientId", "\"client-7\"");
  g_autofree char *d = pb_test_json_set (c, "request.connectionUrl",
                                         "\"https://sms.example.com/v2\"");
  g_autofree char *e = pb_test_json_set (d, "request.requestBody", "\"{\\n  \\\"to\\\": 1\\n}\"");
  g_autofree char *f = pb_test_json_set (e, "socketTimeout", "2500");
  g_autofree char *g = pb_test_json_set (f, "urlParameters",
                                         "[{\"name\":\"page\",\"value\":\"2\"}]");
  g_autofree char *h = pb_test_json_set (g, "archived", "true");
  g_autofree char *edited = pb_test_json_set (h, "auth.useMutualTls", "true");
  g_autoptr(GPtrArray) entries = diff (sms, edited, PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (entries);
  PbDiffEntry *entry;

  g_assert_cmpstr (paths, ==,
                   "name description archived auth.clientId auth.useMutualTls "
                   "request.connectionUrl request.requestBody urlParameters socketTimeout");
  assert_entry (entries, "name", PB_DIFF_CHANGED, "Name", "SMS gateway", "SMS gateway 2");
  assert_entry (entries, "description", PB_DIFF_REMOVED, "Description", "Sends text messages",
                NULL);
  assert_entry (entries, "archived", PB_DIFF_CHANGED, "Archived", "false", "true");
  assert_entry (entries, "auth.clientId", PB_DIFF_ADDED, "Client ID", NULL, "client-7");
  assert_entry (entries, "auth.useMutualTls", PB_DIFF_ADDED, "Mutual TLS", NULL, "true");
  assert_entry (entries, "request.connectionUrl", PB_DIFF_CHANGED, "URL",
                "https://sms.example.com/v1/messages", "https://sms.example.com/v2");
  assert_entry (entries, "urlParameters", PB_DIFF_CHANGED, "URL Parameters", "[]",
                "[{\"name\":\"page\",\"value\":\"2\"}]");
  assert_entry (entries, "socketTimeout", PB_DIFF_CHANGED, "Read Timeout", "1000", "2500");

  /* Short texts on one line; a body with line breaks wants a line diff. */
  g_assert_false (get_entry (entries, "name")->multiline);
  entry = get_entry (entries, "request.requestBody");
  g_assert_cmpstr (entry->label, ==, "Body");
  g_assert_true (entry->multiline);
  g_assert_cmpstr (entry->new_text, ==, "{\n  \"to\": 1\n}");
}

/* Longer than 80 characters (not bytes) or on several lines: shown as a line diff. */
static void
test_diff_long_text_is_multiline (void)
{
  g_autoptr(GString) long_name = g_string_new ("\"");
  g_autoptr(GString) accented = g_string_new ("\"");
  g_autofree char *long_json = NULL;
  g_autofree char *accented_json = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  for (guint i = 0; i < 80; i++)
    {
      g_string_append_c (long_name, 'n');
      g_string_append (accented, "é");
    }
  g_string_append (long_name, "n\"");
  g_string_append (accented, "\"");

  long_json = pb_test_json_set ("{\"name\":\"x\"}", "name", long_name->str);
  entries = diff ("{\"name\":\"x\"}", long_json, PB_DIFF_DEFAULT);
  g_assert_true (get_entry (entries, "name")->multiline);
  g_clear_pointer (&entries, g_ptr_array_unref);

  accented_json = pb_test_json_set ("{\"name\":\"x\"}", "name", accented->str);
  entries = diff ("{\"name\":\"x\"}", accented_json, PB_DIFF_DEFAULT);
  g_assert_false (get_entry (entries, "name")->multiline);
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = diff ("{\"description\":\"a\"}", "{\"description\":\"a\\nb\"}", PB_DIFF_DEFAULT);
  g_assert_true (get_entry (entries, "description")->multiline);
}

/* A create: everything is added, each field on its own, rows one by one. */
static void
test_diff_create (void)
{
  g_autofree char *request = pb_test_read_fixture ("create-connection-request.json");
  g_autoptr(GPtrArray) entries = diff ("{}", request, PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (entries);

  g_assert_cmpstr (paths, ==,
                   "name systemType auth.authType request.requestType request.connectionUrl "
                   "request.requestBody");
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (((PbDiffEntry *) g_ptr_array_index (entries, i))->kind, ==, PB_DIFF_ADDED);
  assert_entry (entries, "auth.authType", PB_DIFF_ADDED, "Authentication", NULL, "NONE");
  assert_entry (entries, "request.requestType", PB_DIFF_ADDED, "Method", NULL, "POST");
}

/* An empty object or table that appears or goes is a change of its own. */
static void
test_diff_empty_containers (void)
{
  g_autoptr(GPtrArray) entries = diff ("{\"auth\":{},\"customHeaders\":[]}", "{}",
                                       PB_DIFF_DEFAULT);

  assert_entry (entries, "auth", PB_DIFF_REMOVED, "Authentication", "{}", NULL);
  assert_entry (entries, "customHeaders", PB_DIFF_REMOVED, "Headers", "[]", NULL);
  g_assert_cmpuint (entries->len, ==, 2);
}

static void
test_diff_not_a_connection (void)
{
  const char *bad[] = { "", "{", "[]", "\"text\"", "{\"a\":1} x", "{\"a\":01}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) old_side = pb_diff_connections (bad[i], "{}", PB_DIFF_DEFAULT, &error);
      g_autoptr(GError) error2 = NULL;
      g_autoptr(GPtrArray) new_side = pb_diff_connections ("{}", bad[i], PB_DIFF_DEFAULT,
                                                           &error2);

      g_assert_error (error, PB_PARSE_ERROR, (i >= 2 && i <= 3) ? PB_PARSE_ERROR_STRUCTURE
                                                              : PB_PARSE_ERROR_SYNTAX);
      g_assert_null (old_side);
      g_assert_nonnull (error2);
      g_assert_null (new_side);
    }
}

/* Nested as deep as Plugboard reads JSON (PB_JSON_MAX_DEPTH levels, the document the first):
 * compared; one level more is refused as any text that is not JSON. */
static void
test_diff_deep_nesting (void)
{
  for (guint extra = 0; extra < 2; extra++)
    {
      /* The object, "x": and its arrays: PB_JSON_MAX_DEPTH - 1 of them, then one more. */
      guint n = PB_JSON_MAX_DEPTH - 1 + extra;
      g_autoptr(GString) old_json = g_string_new ("{\"x\":");
      g_autoptr(GString) new_json = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) entries = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append_c (old_json, '[');
      new_json = g_string_new (old_json->str);
      g_string_append (old_json, "1");
      g_string_append (new_json, "2");
      for (guint i = 0; i < n; i++)
        {
          g_string_append_c (old_json, ']');
          g_string_append_c (new_json, ']');
        }
      g_string_append_c (old_json, '}');
      g_string_append_c (new_json, '}');

      entries = pb_diff_connections (old_json->str, new_json->str, PB_DIFF_DEFAULT, &error);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (entries->len, ==, 1);
          g_assert_cmpstr (((PbDiffEntry *) g_ptr_array_index (entries, 0))->path, ==, "x");
        }
      else
        {
          g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
          g_assert_null (entries);
        }
    }
}

/* }}} */

/* {{{ Tables */

static void
test_diff_tables_by_name (void)
{
  g_autofree char *sms = sms_connection ();
  g_autofree char *a = pb_test_json_set (sms, "customHeaders",
                                    "[{\"name\":\"X-Channel\",\"value\":\"{sms}\"},"
                                    "{\"name\":\"Accept\",\"value\":\"text/plain\"},"
                                    "{\"name\":\"X-New\",\"value\":\"1\"}]");
  g_autofree char *b = pb_test_json_set (a, "inputMappings",
                                    "[{\"label\":\"Text\",\"key\":\"text\",\"type\":\"string\","
                                    "\"exampleValue\":\"Hello\",\"mapping\":\"\"},"
                                    "{\"label\":\"Phone\",\"key\":\"phone\",\"type\":\"string\","
                                    "\"exampleValue\":\"+15550100\",\"mapping\":\"\"}]");
  g_autofree char *edited = pb_test_json_set (b, "outputMappings",
                                         "[{\"label\":\"Message id\",\"outputReference\":\"id\","
                                         "\"type\":\"String\"},{\"label\":\"Status\","
                                         "\"outputReference\":\"status\",\"type\":\"string\"}]");
  g_autoptr(GPtrArray) entries = diff (sms, edited, PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (entries);

  /* Rows paired by name: the reordered ones did not change; in the order of the new side, the
   * removed last. */
  g_assert_cmpstr (paths, ==,
                   "customHeaders[Accept].value customHeaders[X-New] "
                   "customHeaders[Content-Type] inputMappings[text].exampleValue "
                   "outputMappings[status]");
  assert_entry (entries, "customHeaders[Accept].value", PB_DIFF_CHANGED,
                "Header “Accept”: Value", "application/json", "text/plain");
  assert_entry (entries, "customHeaders[X-New]", PB_DIFF_ADDED, "Header “X-New”", NULL,
                "X-New: 1");
  assert_entry (entries, "customHeaders[Content-Type]", PB_DIFF_REMOVED,
                "Header “Content-Type”", "Content-Type: application/json", NULL);
  assert_entry (entries, "inputMappings[text].exampleValue", PB_DIFF_CHANGED,
                "Input Mapping “text”: Example Value", "Your order shipped", "Hello");
  assert_entry (entries, "outputMappings[status]", PB_DIFF_ADDED, "Output Mapping “status”",
                NULL, "Label: Status, Output Reference: status, Type: string");
}

static void
test_diff_auth_tables (void)
{
  const char *old_json = "{\"auth\":{\"authType\":\"OAUTH\",\"oauthCustomHeaders\":"
                         "[{\"name\":\"X-Tenant\",\"value\":\"a\"}],\"formUrlEncodedItems\":"
                         "[{\"name\":\"scope\",\"value\":\"read\"}]}}";
  const char *new_json = "{\"auth\":{\"formUrlEncodedItems\":[{\"name\":\"scope\",\"value\":"
                         "\"write\"},{\"name\":\"audience\",\"value\":\"api\"}],\"authType\":"
                         "\"OAUTH\",\"oauthCustomHeaders\":[{\"value\":\"b\",\"name\":"
                         "\"X-Tenant\"}]}}";
  g_autoptr(GPtrArray) entries = diff (old_json, new_json, PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (entries);

  g_assert_cmpstr (paths, ==,
                   "auth.oauthCustomHeaders[X-Tenant].value "
                   "auth.formUrlEncodedItems[scope].value auth.formUrlEncodedItems[audience]");
  assert_entry (entries, "auth.oauthCustomHeaders[X-Tenant].value", PB_DIFF_CHANGED,
                "Token Request Header “X-Tenant”: Value", "a", "b");
  assert_entry (entries, "auth.formUrlEncodedItems[audience]", PB_DIFF_ADDED,
                "Token Request Form Item “audience”", NULL, "audience: api");
}

/* Rows that cannot be paired by name (a name twice, a row without one) are paired by their
 * place. */
static void
test_diff_tables_by_position (void)
{
  const char *old_json = "{\"customHeaders\":[{\"name\":\"A\",\"value\":\"1\"},"
                         "{\"name\":\"A\",\"value\":\"2\"}]}";
  const char *new_json = "{\"customHeaders\":[{\"name\":\"A\",\"value\":\"1\"},"
                         "{\"name\":\"A\",\"value\":\"3\"},{\"value\":\"4\"}]}";
  g_autoptr(GPtrArray) entries = diff (old_json, new_json, PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (entries);
  g_autoptr(GPtrArray) unnamed = diff ("{\"inputMappings\":[{\"label\":\"x\"}]}",
                                       "{\"inputMappings\":[{\"label\":\"y\"}]}",
                                       PB_DIFF_DEFAULT);

  g_assert_cmpstr (paths, ==, "customHeaders[1].value customHeaders[2]");
  assert_entry (entries, "customHeaders[1].value", PB_DIFF_CHANGED, "Headers, row 2: Value",
                "2", "3");
  assert_entry (entries, "customHeaders[2]", PB_DIFF_ADDED, "Headers, row 3", NULL,
                "Value: 4");
  assert_entry (unnamed, "inputMappings[0].label", PB_DIFF_CHANGED,
                "Input Mappings, row 1: Label", "x", "y");
}

/* Members of rows the form does not know are compared too, named by their member. */
static void
test_diff_row_unknown_members (void)
{
  g_autoptr(GPtrArray) entries = diff ("{\"customHeaders\":[{\"name\":\"A\",\"value\":\"1\","
                                       "\"enabled\":true,\"gone\":1}]}",
                                       "{\"customHeaders\":[{\"name\":\"A\",\"value\":\"1\","
                                       "\"enabled\":false}]}",
                                       PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (entries);

  g_assert_cmpstr (paths, ==, "customHeaders[A].enabled customHeaders[A].gone");
  assert_entry (entries, "customHeaders[A].enabled", PB_DIFF_CHANGED,
                "Header “A”: enabled", "true", "false");
  assert_entry (entries, "customHeaders[A].gone", PB_DIFF_REMOVED, "Header “A”: gone", "1",
                NULL);
}

/* }}} */

/* {{{ Unknown members, numbers */

static void
test_diff_unknown_members (void)
{
  const char *old_json = "{\"name\":\"n\",\"zeta\":1,\"gone\":{\"a\":1},"
                         "\"auth\":{\"authType\":\"BASIC\",\"username\":\"u\"}}";
  const char *new_json = "{\"omega\":[1,2],\"zeta\":2,\"name\":\"m\",\"auth\":{\"authType\":"
                         "\"BASIC\",\"username\":\"v\"},\"alpha\":{\"b\":[true,null]}}";
  g_autoptr(GPtrArray) entries = diff (old_json, new_json, PB_DIFF_DEFAULT);
  g_autofree char *paths = paths_of (entries);

  /* Known fields first, in the form's order; unknown ones as the new side has them, the
   * removed ones last. */
  g_assert_cmpstr (paths, ==, "name auth.username omega zeta alpha gone");
  assert_entry (entries, "auth.username", PB_DIFF_CHANGED, "auth.username", "u", "v");
  assert_entry (entries, "omega", PB_DIFF_ADDED, "omega", NULL, "[1,2]");
  assert_entry (entries, "alpha", PB_DIFF_ADDED, "alpha", NULL, "{\"b\":[true,null]}");
  assert_entry (entries, "gone", PB_DIFF_REMOVED, "gone", "{\"a\":1}", NULL);
}

/* Numbers compare and show by their text as received: json-glib would read 2^64 as -1. */
static void
test_diff_numbers_by_text (void)
{
  g_autoptr(GPtrArray) same = diff ("{\"connectionTimeout\":1000,\"big\":18446744073709551616}",
                                    "{\"big\":18446744073709551616,\"connectionTimeout\":1000}",
                                    PB_DIFF_DEFAULT);
  g_autoptr(GPtrArray) big = diff ("{\"revision\":18446744073709551616,\"x\":[1.50]}",
                                   "{\"revision\":18446744073709551615,\"x\":[1.50]}",
                                   PB_DIFF_DEFAULT);
  g_autoptr(GPtrArray) nested = diff ("{\"x\":{\"n\":18446744073709551616}}",
                                      "{\"x\":{\"n\":18446744073709551615}}", PB_DIFF_DEFAULT);

  g_assert_cmpuint (same->len, ==, 0);
  g_assert_cmpuint (big->len, ==, 1);
  assert_entry (big, "revision", PB_DIFF_CHANGED, "Revision", "18446744073709551616",
                "18446744073709551615");
  assert_entry (nested, "x", PB_DIFF_CHANGED, "x", "{\"n\":18446744073709551616}",
                "{\"n\":18446744073709551615}");
}

/* Strings compare decoded: an escape is the character it stands for. */
static void
test_diff_strings_decoded (void)
{
  g_autoptr(GPtrArray) entries = diff ("{\"name\":\"\\u0041\\/b\"}", "{\"name\":\"A/b\"}",
                                       PB_DIFF_DEFAULT);

  g_assert_cmpuint (entries->len, ==, 0);
}

/* }}} */

/* {{{ Secrets */

static void
assert_no_planted_secret (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (entries, i);

      for (guint side = 0; side < 2; side++)
        {
          const char *text = side == 0 ? entry->old_text : entry->new_text;

          g_assert_null (text != NULL ? strstr (text, "planted-SECRET") : NULL);
          g_assert_null (text != NULL ? strstr (text, "planted-OTHER") : NULL);
          g_assert_null (text != NULL ? strstr (text, "9876543210") : NULL);
        }
    }
}

/* The planted secrets fixture as a create: every value that looks secret masked, and said so;
 * every other value shown. */
static void
test_diff_masks_secrets (void)
{
  g_autofree char *planted = pb_test_read_fixture ("planted-secrets.json");
  g_autoptr(GPtrArray) entries = diff ("{}", planted, PB_DIFF_DEFAULT);
  g_autoptr(GPtrArray) revealed = diff ("{}", planted, PB_DIFF_REVEAL_SECRETS);
  PbDiffEntry *entry;
  gboolean found_planted = FALSE;

  assert_no_planted_secret (entries);
  g_assert_cmpuint (entries->len, ==, revealed->len);

  assert_entry (entries, "customHeaders[Authorization]", PB_DIFF_ADDED,
                "Header “Authorization”", NULL, "Authorization: Basic " PB_SECRET_MASK);
  g_assert_true (get_entry (entries, "customHeaders[Authorization]")->masked);
  g_assert_false (get_entry (entries, "customHeaders[Accept]")->masked);
  assert_entry (entries, "customHeaders[Accept]", PB_DIFF_ADDED, "Header “Accept”", NULL,
                "Accept: VISIBLE-8");
  assert_entry (entries, "auth.clientSecret", PB_DIFF_ADDED, "Client Secret", NULL,
                PB_SECRET_MASK);
  assert_entry (entries, "auth.pwd", PB_DIFF_ADDED, "auth.pwd", NULL, PB_SECRET_MASK);
  entry = get_entry (entries, "request.connectionUrl");
  g_assert_true (entry->masked);
  g_assert_nonnull (strstr (entry->new_text, "to=VISIBLE-6"));
  entry = get_entry (entries, "request.requestBody");
  g_assert_true (entry->masked);
  g_assert_nonnull (strstr (entry->new_text, "VISIBLE-7"));
  g_assert_false (get_entry (entries, "name")->masked);

  /* Revealed: exactly the same entries, the values as they are. */
  for (guint i = 0; i < revealed->len; i++)
    {
      PbDiffEntry *shown = g_ptr_array_index (revealed, i);

      g_assert_false (shown->masked);
      g_assert_cmpstr (shown->path, ==, ((PbDiffEntry *) g_ptr_array_index (entries, i))->path);
      found_planted |= strstr (shown->new_text, "planted-SECRET") != NULL;
    }
  g_assert_true (found_planted);
  assert_entry (revealed, "auth.pwd", PB_DIFF_ADDED, "auth.pwd", NULL, "9876543210");
}

/* A secret that changed is a change even though both sides show the same mask: the values are
 * compared before masking, and the entry says it is masked. */
static void
test_diff_changed_secret_shows (void)
{
  g_autofree char *planted = pb_test_read_fixture ("planted-secrets.json");
  g_autofree char *a = pb_test_json_set (planted, "auth.clientSecret", "\"planted-OTHER-1\"");
  g_autofree char *edited = pb_test_json_set (a, "customHeaders",
                                         "[{\"name\":\"Authorization\",\"value\":\"Basic "
                                         "planted-OTHER-2\"},{\"name\":\"Ocp-Apim-Subscription-"
                                         "Key\",\"value\":\"planted-SECRET-12\"},{\"value\":"
                                         "\"planted-SECRET-13\",\"name\":\"X-Key\"},{\"name\":"
                                         "\"Accept\",\"value\":\"VISIBLE-8\"}]");
  g_autoptr(GPtrArray) entries = diff (planted, edited, PB_DIFF_DEFAULT);
  g_autoptr(GPtrArray) revealed = diff (planted, edited, PB_DIFF_REVEAL_SECRETS);
  g_autofree char *paths = paths_of (entries);
  PbDiffEntry *entry;

  g_assert_cmpstr (paths, ==, "auth.clientSecret customHeaders[Authorization].value");
  assert_no_planted_secret (entries);

  entry = get_entry (entries, "auth.clientSecret");
  g_assert_cmpint (entry->kind, ==, PB_DIFF_CHANGED);
  g_assert_true (entry->masked);
  g_assert_cmpstr (entry->old_text, ==, PB_SECRET_MASK);
  g_assert_cmpstr (entry->new_text, ==, PB_SECRET_MASK);

  entry = get_entry (entries, "customHeaders[Authorization].value");
  g_assert_true (entry->masked);
  g_assert_cmpstr (entry->old_text, ==, "Basic " PB_SECRET_MASK);
  g_assert_cmpstr (entry->new_text, ==, "Basic " PB_SECRET_MASK);

  assert_entry (revealed, "customHeaders[Authorization].value", PB_DIFF_CHANGED,
                "Header “Authorization”: Value", "Basic planted-SECRET-11",
                "Basic planted-OTHER-2");
  g_assert_false (get_entry (revealed, "auth.clientSecret")->masked);
}

/* }}} */

/* {{{ Entries */

static void
test_diff_entry_copy (void)
{
  g_autoptr(GPtrArray) entries = diff ("{\"name\":\"a\"}", "{\"name\":\"b\"}", PB_DIFF_DEFAULT);
  PbDiffEntry *entry = g_ptr_array_index (entries, 0);
  g_autoptr(PbDiffEntry) copy = g_boxed_copy (PB_TYPE_DIFF_ENTRY, entry);

  g_assert_true (copy != entry);
  g_assert_cmpint (copy->kind, ==, entry->kind);
  g_assert_cmpstr (copy->path, ==, "name");
  g_assert_cmpstr (copy->label, ==, "Name");
  g_assert_cmpstr (copy->old_text, ==, "a");
  g_assert_cmpstr (copy->new_text, ==, "b");
  g_assert_cmpint (copy->masked, ==, entry->masked);
  g_assert_cmpint (copy->multiline, ==, entry->multiline);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/order-does-not-count", test_diff_order_does_not_count);
  g_test_add_func ("/diff/server-fields", test_diff_server_fields);
  g_test_add_func ("/diff/fields", test_diff_fields);
  g_test_add_func ("/diff/long-text-is-multiline", test_diff_long_text_is_multiline);
  g_test_add_func ("/diff/create", test_diff_create);
  g_test_add_func ("/diff/empty-containers", test_diff_empty_containers);
  g_test_add_func ("/diff/not-a-connection", test_diff_not_a_connection);
  g_test_add_func ("/diff/deep-nesting", test_diff_deep_nesting);
  g_test_add_func ("/diff/tables-by-name", test_diff_tables_by_name);
  g_test_add_func ("/diff/auth-tables", test_diff_auth_tables);
  g_test_add_func ("/diff/tables-by-position", test_diff_tables_by_position);
  g_test_add_func ("/diff/row-unknown-members", test_diff_row_unknown_members);
  g_test_add_func ("/diff/unknown-members", test_diff_unknown_members);
  g_test_add_func ("/diff/numbers-by-text", test_diff_numbers_by_text);
  g_test_add_func ("/diff/strings-decoded", test_diff_strings_decoded);
  g_test_add_func ("/diff/masks-secrets", test_diff_masks_secrets);
  g_test_add_func ("/diff/changed-secret-shows", test_diff_changed_secret_shows);
  g_test_add_func ("/diff/entry-copy", test_diff_entry_copy);

  return g_test_run ();
}
