/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-test-util.h"
#include "test-connection-util.h"

/* PbConnection: its properties, its JSON, updates in place, threads and lifetime. */

static void
check_round_trip (const char *text,
                  JsonNode   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) kept = NULL;
  g_autoptr(JsonNode) pretty = NULL;
  g_autoptr(PbConnection) c = parse_one (text);
  g_autofree char *pretty_text = NULL;

  kept = json_from_string (pb_connection_get_json (c), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (kept, expected));
  /* Compact: no white space outside strings, so no new line at all here. */
  g_assert_null (strchr (pb_connection_get_json (c), '\n'));

  pretty_text = pb_connection_dup_json_pretty (c);
  pretty = json_from_string (pretty_text, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (pretty, expected));
  g_assert_nonnull (strstr (pretty_text, "\n  \"name\": "));
}

static void
test_json_round_trip (void)
{
  const char * const names[] = {
    "connection-destination.json", "create-connection-response.json",
    "create-connection-request.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = pb_test_read_fixture (names[i]);
      g_autoptr(JsonNode) root = load_fixture_node (names[i]);

      check_round_trip (text, root);
    }

  {
    g_autoptr(JsonNode) root = load_fixture_node ("list-connections.json");
    JsonArray *array = json_object_get_array_member (json_node_get_object (root), "items");
    g_autoptr(GPtrArray) items = parse_list_fixture ("list-connections.json");
    g_autofree char *text = json_to_string (json_array_get_element (array, 0), FALSE);

    g_assert_cmpstr (pb_connection_get_json (items->pdata[0]), ==, text);
    check_round_trip (text, json_array_get_element (array, 0));
  }

  /* Unknown fields, nested anywhere, are kept exactly (escapes and number spelling too). */
  {
    const char *text = "{ \"name\" : \"a\", \"x\": {\"deep\": [1, 2.50, 1e3, \"\\u00e9\"]},"
                       " \"auth\": {\"authType\": \"NONE\", \"secretLooking\": null} }";
    g_autoptr(PbConnection) c = parse_one (text);
    g_autoptr(JsonNode) expected = json_from_string (text, NULL);

    g_assert_cmpstr (pb_connection_get_json (c), ==,
                     "{\"name\":\"a\",\"x\":{\"deep\":[1,2.50,1e3,\"\\u00e9\"]},"
                     "\"auth\":{\"authType\":\"NONE\",\"secretLooking\":null}}");
    check_round_trip (text, expected);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Properties                                                                                 */

static void
test_properties (void)
{
  const struct
  {
    const char *name;
    GType       type;
  } expected[] = {
    { "ref", G_TYPE_STRING }, { "href", G_TYPE_STRING }, { "client-key", G_TYPE_STRING },
    { "name", G_TYPE_STRING }, { "description", G_TYPE_STRING },
    { "modified-by-ref", G_TYPE_STRING }, { "modified-at-text", G_TYPE_STRING },
    { "system-type", G_TYPE_STRING }, { "auth-type", G_TYPE_STRING },
    { "auth-client-id", G_TYPE_STRING }, { "auth-access-token-url", G_TYPE_STRING },
    { "request-type", G_TYPE_STRING }, { "connection-url", G_TYPE_STRING },
    { "request-body", G_TYPE_STRING }, { "example-value", G_TYPE_STRING },
    { "icon", G_TYPE_STRING }, { "json", G_TYPE_STRING },
    { "revision", G_TYPE_INT64 }, { "connection-timeout", G_TYPE_INT64 },
    { "socket-timeout", G_TYPE_INT64 },
    { "archived", G_TYPE_BOOLEAN }, { "auth-use-mutual-tls", G_TYPE_BOOLEAN },
    { "modified-at", G_TYPE_DATE_TIME },
    { "custom-headers", G_TYPE_LIST_MODEL }, { "url-parameters", G_TYPE_LIST_MODEL },
    { "input-mappings", G_TYPE_LIST_MODEL }, { "output-mappings", G_TYPE_LIST_MODEL },
    { "oauth-custom-headers", G_TYPE_LIST_MODEL },
    { "form-url-encoded-items", G_TYPE_LIST_MODEL },
  };
  g_autoptr(GPtrArray) items = parse_list_fixture ("list-connections.json");
  PbConnection *c = items->pdata[0];
  GObjectClass *klass = G_OBJECT_GET_CLASS (c);
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  g_autofree char *token_url = NULL;
  g_autoptr(GDateTime) modified_at = NULL;
  g_autoptr(GListModel) headers = NULL;
  gint64 revision = 0;
  gint64 socket_timeout = 0;
  gboolean archived = TRUE;
  PbSystemKind system_kind = PB_SYSTEM_KIND_OTHER;
  PbAuthKind auth_kind = PB_AUTH_KIND_OTHER;
  GParamSpec *pspec;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      pspec = g_object_class_find_property (klass, expected[i].name);
      g_assert_nonnull (pspec);
      g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == expected[i].type);
      g_assert_true (pspec->flags & G_PARAM_READABLE);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
    }

  pspec = g_object_class_find_property (klass, "system-kind");
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == PB_TYPE_SYSTEM_KIND);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);
  pspec = g_object_class_find_property (klass, "auth-kind");
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == PB_TYPE_AUTH_KIND);
  pspec = g_object_class_find_property (klass, "revision");
  g_assert_cmpint (G_PARAM_SPEC_INT64 (pspec)->default_value, ==, -1);

  g_object_get (c,
                "name", &name,
                "json", &json,
                "auth-access-token-url", &token_url,
                "modified-at", &modified_at,
                "custom-headers", &headers,
                "revision", &revision,
                "socket-timeout", &socket_timeout,
                "archived", &archived,
                "system-kind", &system_kind,
                "auth-kind", &auth_kind,
                NULL);
  g_assert_cmpstr (name, ==, "First web service");
  g_assert_cmpstr (json, ==, pb_connection_get_json (c));
  g_assert_cmpstr (token_url, ==, "<baseURL>/v2/oauth/token");
  g_assert_true (modified_at == pb_connection_get_modified_at (c));
  g_assert_true (headers == pb_connection_get_custom_headers (c));
  g_assert_cmpint (revision, ==, 1);
  g_assert_cmpint (socket_timeout, ==, 1000);
  g_assert_false (archived);
  g_assert_cmpint (system_kind, ==, PB_SYSTEM_KIND_DATA_SYSTEM);
  g_assert_cmpint (auth_kind, ==, PB_AUTH_KIND_OAUTH);

  /* The rows have read-only properties too, for expressions and column views. */
  {
    g_autoptr(GListModel) outputs = NULL;
    g_autoptr(PbOutputMapping) om = NULL;
    g_autoptr(PbNameValue) header = g_list_model_get_item (headers, 0);
    g_autofree char *header_name = NULL;
    g_autofree char *header_value = NULL;
    g_autofree char *label = NULL;
    g_autofree char *reference = NULL;
    g_autofree char *type = NULL;

    g_object_get (header, "name", &header_name, "value", &header_value, NULL);
    g_assert_cmpstr (header_name, ==, "Content-Type");
    g_assert_cmpstr (header_value, ==, "application/json");
    pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (header), "value");
    g_assert_false (pspec->flags & G_PARAM_WRITABLE);

    g_object_get (c, "output-mappings", &outputs, NULL);
    om = g_list_model_get_item (outputs, 1);
    g_object_get (om, "label", &label, "output-reference", &reference, "value-type", &type,
                  NULL);
    g_assert_cmpstr (label, ==, "Client Key");
    g_assert_cmpstr (reference, ==, "clientKey");
    g_assert_cmpstr (type, ==, "string");
    pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (om), "value-type");
    g_assert_false (pspec->flags & G_PARAM_WRITABLE);
  }
  {
    g_autoptr(PbInputMapping) im = pb_input_mapping_new ("L", "k", "string", "ex", "m");
    g_autofree char *key = NULL;
    g_autofree char *example = NULL;
    g_autofree char *mapping = NULL;

    g_object_get (im, "key", &key, "example-value", &example, "mapping", &mapping, NULL);
    g_assert_cmpstr (key, ==, "k");
    g_assert_cmpstr (example, ==, "ex");
    g_assert_cmpstr (mapping, ==, "m");
  }
  {
    GEnumClass *enum_class = g_type_class_ref (PB_TYPE_AUTH_KIND);

    g_assert_cmpstr (g_enum_get_value (enum_class, PB_AUTH_KIND_OAUTH)->value_nick, ==,
                     "oauth");
    g_type_class_unref (enum_class);
  }
}

/* The list fixture with white space between all tokens, and without any: the same
 * connections, each with its compact text. Also members the reader skips, and a document
 * mostly of brackets (their ends are then found by reading). */
static void
test_spacing (void)
{
  g_autoptr(JsonNode) root = load_fixture_node ("list-connections.json");
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  g_autoptr(GPtrArray) from_compact = NULL;
  g_autoptr(GPtrArray) from_pretty = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), "items");

  json_generator_set_root (generator, root);
  compact = json_generator_to_data (generator, NULL);
  json_generator_set_pretty (generator, TRUE);
  pretty = json_generator_to_data (generator, NULL);

  from_compact = pb_connection_parse_list (compact, -1, &error);
  g_assert_no_error (error);
  from_pretty = pb_connection_parse_list (pretty, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_compact->len, ==, json_array_get_length (array));
  g_assert_cmpuint (from_pretty->len, ==, from_compact->len);

  for (guint i = 0; i < from_compact->len; i++)
    {
      PbConnection *a = from_compact->pdata[i];
      PbConnection *b = from_pretty->pdata[i];
      g_autofree char *expected = json_to_string (json_array_get_element (array, i), FALSE);
      g_autofree char *pretty_one = json_to_string (json_array_get_element (array, i), TRUE);
      g_autofree char *padded = g_strdup_printf (" \n\t%s \r\n", pretty_one);
      g_autoptr(PbConnection) alone = pb_connection_new_from_data (padded, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (pb_connection_get_json (a), ==, expected);
      g_assert_cmpstr (pb_connection_get_json (b), ==, expected);
      g_assert_cmpstr (pb_connection_get_json (alone), ==, expected);
      g_assert_cmpstr (pb_connection_get_name (a), ==, pb_connection_get_name (b));
      g_assert_cmpstr (pb_connection_get_ref (alone), ==, pb_connection_get_ref (a));
      g_assert_cmpstr (pb_connection_get_request_body (a), ==,
                       pb_connection_get_request_body (b));
      g_assert_cmpuint (g_list_model_get_n_items (pb_connection_get_input_mappings (a)), ==,
                        g_list_model_get_n_items (pb_connection_get_input_mappings (b)));
    }

  /* Whitespace only between two members of one item: that item's text is made compact. */
  {
    g_autoptr(GPtrArray) items = pb_connection_parse_list (
      "{\"items\":[{\"name\":\"a\",\"ref\":\"1\"},{\"name\":\"b\",  \"ref\":\"2\"}]}", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pb_connection_get_json (items->pdata[0]), ==,
                     "{\"name\":\"a\",\"ref\":\"1\"}");
    g_assert_cmpstr (pb_connection_get_json (items->pdata[1]), ==,
                     "{\"name\":\"b\",\"ref\":\"2\"}");
    g_assert_cmpstr (pb_connection_get_ref (items->pdata[1]), ==, "2");
  }

  /* Small arrays before, inside and after the items: a few, and thousands. */
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GString) text = g_string_new ("{\"x\":[");
      g_autoptr(GPtrArray) items = NULL;
      const char *sep = round % 2 ? ", " : ",";
      guint many = round < 2 ? 20 : 2000;

      for (guint i = 0; i < many * 2; i++)
        g_string_append_printf (text, "%s[]", i > 0 ? sep : "");
      g_string_append (text, "],\"items\":[");
      for (guint i = 0; i < 3; i++)
        {
          g_string_append_printf (text, "%s{\"y\":[[],{},[[]]],\"name\":\"n%u\",\"ref\":\"r%u\","
                                  "\"customHeaders\":[{\"name\":\"h\",\"value\":\"v%u\"}],\"z\":[",
                                  i > 0 ? sep : "", i, i, i);
          for (guint j = 0; j < many; j++)
            g_string_append_printf (text, "%s[]", j > 0 ? sep : "");
          g_string_append (text, "],\"icon\":\"i\"}");
        }
      g_string_append (text, "],\"w\":[[],[]]}");

      items = pb_connection_parse_list (text->str, text->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *name = g_strdup_printf ("n%u", i);
          g_autofree char *value = g_strdup_printf ("v%u", i);
          g_autoptr(PbNameValue) header =
            g_list_model_get_item (pb_connection_get_custom_headers (items->pdata[i]), 0);

          g_assert_cmpstr (pb_connection_get_name (items->pdata[i]), ==, name);
          g_assert_cmpstr (pb_connection_get_icon (items->pdata[i]), ==, "i");
          g_assert_cmpstr (pb_name_value_get_value (header), ==, value);
          g_assert_true (g_str_has_suffix (pb_connection_get_json (items->pdata[i]),
                                           "[],[]],\"icon\":\"i\"}"));
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Fuzzing                                                                                    */

static guint n_fuzz_ok;
static guint n_fuzz_errors;

static void
parse_anything (const char *data,
                gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(PbConnection) one = pb_connection_new_from_data (data, length, &error);
  g_autoptr(GPtrArray) list = pb_connection_parse_list (data, length, &list_error);

  if (one != NULL)
    {
      g_autofree char *pretty = pb_connection_dup_json_pretty (one);

      g_assert_no_error (error);
      g_assert_nonnull (pb_connection_get_name (one));
      g_assert_true (g_utf8_validate (pb_connection_get_json (one), -1, NULL));
      g_assert_true (g_utf8_validate (pretty, -1, NULL));
      n_fuzz_ok++;
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == PB_PARSE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_cmpuint (strlen (error->message), <, 200);
      n_fuzz_errors++;
    }

  if (list != NULL)
    {
      g_assert_no_error (list_error);
      for (guint i = 0; i < list->len; i++)
        g_assert_true (PB_IS_CONNECTION (list->pdata[i]));
    }
  else
    {
      g_assert_nonnull (list_error);
      g_assert_true (list_error->domain == PB_PARSE_ERROR);
      g_assert_true (g_utf8_validate (list_error->message, -1, NULL));
    }
}

static void
test_fuzz (void)
{
  const char * const names[] = {
    "list-connections.json", "connection-destination.json", "create-connection-response.json",
    "test-connection-request.json",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250702);

  n_fuzz_ok = n_fuzz_errors = 0;

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *text = pb_test_read_fixture (names[f]);
      gsize length = strlen (text);

      /* Every truncation. A copy each time so that reading past the end would be caught. */
      for (gsize cut = 0; cut <= length; cut++)
        {
          g_autofree char *copy = g_memdup2 (text, cut ? cut : 1);

          parse_anything (copy, cut);
        }

      /* Random byte changes, insertions and deletions. */
      for (guint round = 0; round < 3000; round++)
        {
          g_autoptr(GString) bytes = g_string_new_len (text, length);
          guint n_changes = g_rand_int_range (rand, 1, 5);
          static const char interesting[] = "{}[]\",:\\ntf0-.eE\x00\xff\xc3\x80u";

          for (guint i = 0; i < n_changes && bytes->len > 0; i++)
            {
              guint pos = g_rand_int_range (rand, 0, bytes->len);
              guint8 byte = g_rand_boolean (rand)
                ? (guint8)g_rand_int_range (rand, 0, 256)
                : (guint8)interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];

              switch (g_rand_int_range (rand, 0, 4))
                {
                case 0:
                  bytes->str[pos] = (char)byte;
                  break;
                case 1:
                  bytes->str[pos] ^= 1 << g_rand_int_range (rand, 0, 8);
                  break;
                case 2:
                  g_string_insert_c (bytes, pos, (char)byte);
                  break;
                default:
                  g_string_erase (bytes, pos, 1);
                  break;
                }
            }
          parse_anything (bytes->str, bytes->len);
        }
    }

  /* Both outcomes were seen: the loop tested something. */
  g_assert_cmpuint (n_fuzz_ok, >, 10);
  g_assert_cmpuint (n_fuzz_errors, >, 1000);
}

/* ------------------------------------------------------------------------------------------ */
/* update_from                                                                                */

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->n_signals++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char **)a, *(char **)b);
}

static char *
joined (GPtrArray *names)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (copy, names->pdata[i]);
  g_ptr_array_sort (copy, compare_strings);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (" ", (char **)copy->pdata);
}

static void
test_update_from (void)
{
  g_autofree char *text = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(PbConnection) c = parse_one (text);
  g_autoptr(PbConnection) same = parse_one (text);
  g_autoptr(PbConnection) changed = NULL;
  g_autoptr(PbConnection) minimal = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) edited = g_string_new (text);
  g_autofree char *list = NULL;
  GListModel *headers = pb_connection_get_custom_headers (c);
  GListModel *inputs = pb_connection_get_input_mappings (c);
  GListModel *outputs = pb_connection_get_output_mappings (c);
  PbNameValue *first_header = name_value_at (headers, 0);
  PbNameValue *last_header = name_value_at (headers, 2);
  ItemsChanged header_changes = { 0 };
  ItemsChanged input_changes = { 0 };
  ItemsChanged output_changes = { 0 };

  g_signal_connect (c, "notify", G_CALLBACK (on_notify), names);
  g_signal_connect (headers, "items-changed", G_CALLBACK (on_items_changed), &header_changes);
  g_signal_connect (inputs, "items-changed", G_CALLBACK (on_items_changed), &input_changes);
  g_signal_connect (outputs, "items-changed", G_CALLBACK (on_items_changed), &output_changes);

  /* The same values: nothing happens. */
  pb_connection_update_from (c, same);
  pb_connection_update_from (c, c);
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpuint (header_changes.n_signals, ==, 0);

  /* A few changes. */
  g_string_replace (edited, "\"description\": \"Weather Data System\"",
                    "\"description\": \"Weather data, now hourly\"", 1);
  g_string_replace (edited, "\"revision\": 1", "\"revision\": 2", 1);
  g_string_replace (edited, "\"value\": \"gzip\"", "\"value\": \"br\"", 1);
  g_string_replace (edited, "\"archived\": false", "\"archived\": true", 1);
  g_string_replace (edited, "\"outputMappings\": []",
                    "\"outputMappings\": [{\"label\": \"Id\", \"outputReference\": \"id\","
                    " \"type\": \"string\"}]", 1);
  changed = parse_one (edited->str);

  pb_connection_update_from (c, changed);
  list = joined (names);
  g_assert_cmpstr (list, ==, "archived description json revision");

  g_assert_cmpstr (pb_connection_get_description (c), ==, "Weather data, now hourly");
  g_assert_cmpint (pb_connection_get_revision (c), ==, 2);
  g_assert_true (pb_connection_get_archived (c));
  g_assert_cmpstr (pb_connection_get_json (c), ==, pb_connection_get_json (changed));
  /* What lists look at follows: the search text and sort key are the new ones. */
  g_assert_true (g_str_has_prefix (pb_connection_get_search_text (c),
                                  "weather data system\nweather data, now hourly\n"));
  g_assert_cmpstr (pb_connection_get_search_text (c), ==, pb_connection_get_search_text (changed));
  g_assert_cmpstr (pb_connection_get_name_key (c), ==, pb_connection_get_name_key (changed));

  /* The tables are the same objects, changed in place; unchanged rows stay. */
  g_assert_true (pb_connection_get_custom_headers (c) == headers);
  g_assert_true (pb_connection_get_output_mappings (c) == outputs);
  g_assert_cmpuint (header_changes.n_signals, ==, 1);
  g_assert_cmpuint (header_changes.position, ==, 1);
  g_assert_cmpuint (header_changes.removed, ==, 1);
  g_assert_cmpuint (header_changes.added, ==, 1);
  g_assert_cmpstr (pb_name_value_get_value (name_value_at (headers, 1)), ==, "br");
  g_assert_true (name_value_at (headers, 0) == first_header);
  g_assert_true (name_value_at (headers, 2) == last_header);
  g_assert_cmpuint (input_changes.n_signals, ==, 0);
  g_assert_cmpuint (output_changes.n_signals, ==, 1);
  g_assert_cmpuint (output_changes.position, ==, 0);
  g_assert_cmpuint (output_changes.removed, ==, 0);
  g_assert_cmpuint (output_changes.added, ==, 1);
  g_assert_cmpuint (n_items (outputs), ==, 1);

  /* A source that lost most fields: each one that changed is notified, once. */
  g_ptr_array_set_size (names, 0);
  minimal = parse_one ("{\"name\": \"Weather Data System\", \"modifiedAt\": \"garbage\"}");
  pb_connection_update_from (c, minimal);
  g_clear_pointer (&list, g_free);
  list = joined (names);
  g_assert_cmpstr (list, ==,
                   "archived auth-kind auth-type client-key connection-timeout connection-url "
                   "description example-value href icon json modified-at modified-at-text "
                   "modified-by-ref ref request-body request-type revision socket-timeout "
                   "system-kind system-type");
  g_assert_cmpuint (n_items (headers), ==, 0);
  g_assert_cmpuint (n_items (inputs), ==, 0);
  g_assert_cmpuint (n_items (outputs), ==, 0);
  g_assert_null (pb_connection_get_ref (c));
  g_assert_cmpstr (pb_connection_get_modified_at_text (c), ==, "garbage");
  g_assert_null (pb_connection_get_modified_at (c));

  /* And back: auth, mutual TLS and a table that did not exist before. */
  g_ptr_array_set_size (names, 0);
  g_clear_object (&changed);
  changed = parse_one ("{\"name\": \"Weather Data System\", \"modifiedAt\": \"garbage\","
                       " \"auth\": {\"authType\": \"OAUTH\", \"useMutualTls\": true,"
                       " \"formUrlEncodedItems\": [{\"name\": \"scope\", \"value\": \"x\"}]}}");
  pb_connection_update_from (c, changed);
  g_clear_pointer (&list, g_free);
  list = joined (names);
  g_assert_cmpstr (list, ==, "auth-kind auth-type auth-use-mutual-tls json");
  g_assert_cmpuint (n_items (pb_connection_get_form_url_encoded_items (c)), ==, 1);

  /* The source can go; the values stay. */
  g_assert_finalize_object (g_steal_pointer (&changed));
  g_assert_cmpstr (pb_connection_get_auth_type (c), ==, "OAUTH");
  g_assert_cmpstr (pb_name_value_get_name (name_value_at (
                     pb_connection_get_form_url_encoded_items (c), 0)), ==, "scope");

  g_signal_handlers_disconnect_by_data (headers, &header_changes);
  g_signal_handlers_disconnect_by_data (inputs, &input_changes);
  g_signal_handlers_disconnect_by_data (outputs, &output_changes);
  g_signal_handlers_disconnect_by_data (c, names);
  g_assert_finalize_object (g_steal_pointer (&c));
}

/* ------------------------------------------------------------------------------------------ */
/* Threads and lifetime                                                                       */

typedef struct
{
  const char   *text;
  PbConnection *shared;
  GListModel   *seen[2];
} ThreadData;

static gpointer
parse_in_thread (gpointer data)
{
  ThreadData *td = data;
  const char *text = td->text;

  /* Tables of one connection asked for from several threads at once: one model each. */
  td->seen[0] = pb_connection_get_output_mappings (td->shared);
  td->seen[1] = pb_connection_get_custom_headers (td->shared);
  g_assert_cmpuint (g_list_model_get_n_items (td->seen[0]), ==, 9);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = pb_connection_parse_list (text, -1, &error);
      g_autoptr(GPtrArray) bad = pb_connection_parse_list ("{\"items\": [{}]}", -1, &error);

      g_assert_nonnull (items);
      g_assert_cmpuint (items->len, ==, 1);
      g_assert_cmpstr (pb_connection_get_name (items->pdata[0]), ==, "First web service");
      g_assert_null (bad);
      g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autofree char *text = pb_test_read_fixture ("list-connections.json");
  g_autoptr(GPtrArray) items = parse_list_fixture ("list-connections.json");
  ThreadData data[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].text = text;
      data[i].shared = items->pdata[0];
      threads[i] = g_thread_new ("parser", parse_in_thread, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_true (data[i].seen[0] == pb_connection_get_output_mappings (items->pdata[0]));
      g_assert_true (data[i].seen[1] == pb_connection_get_custom_headers (items->pdata[0]));
    }
}

static void
test_lifetime (void)
{
  g_autoptr(GPtrArray) items = parse_list_fixture ("list-connections.json");
  PbConnection *c = g_object_ref (items->pdata[0]);
  GListModel *outputs = g_object_ref (pb_connection_get_output_mappings (c));
  PbOutputMapping *row = g_list_model_get_item (outputs, 3);

  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_finalize_object (c);
  /* A row outlives its connection while someone holds it. */
  g_assert_cmpstr (pb_output_mapping_get_label (row), ==, "Href");
  g_assert_finalize_object (outputs);
  g_assert_finalize_object (row);
}

/* ------------------------------------------------------------------------------------------ */
/* Strings of a page                                                                          */

/* The connections of one page keep values they have in common once; each keeps them as long
 * as it lives, also past the others of its page and through update_from. */
static void
test_shared_strings (void)
{
  const char *page =
    "{\"items\":["
    "{\"ref\":\"r0\",\"clientKey\":\"key\",\"name\":\"zero\",\"description\":\"same\","
    "\"auth\":{\"authType\":\"OAUTH\",\"accessTokenUrl\":\"https://a/token\"},"
    "\"request\":{\"requestBody\":\"{\\n  \\\"a\\\": 1\\n}\"},\"icon\":\"fa-x\"},"
    "{\"ref\":\"r1\",\"clientKey\":\"other key\",\"name\":\"one\",\"description\":\"own\","
    "\"modifiedByUserRef\":\"u-1\",\"auth\":{\"authType\":\"NONE\"},\"icon\":\"fa-x\","
    "\"clientKey\":\"last key\"},"
    "{\"ref\":\"r2\",\"clientKey\":\"key\",\"name\":\"two\",\"description\":\"same\","
    "\"modifiedByRef\":\"u-1\",\"auth\":{\"authType\":\"OAUTH\"},"
    "\"request\":{\"requestBody\":\"{\\n  \\\"a\\\": 1\\n}\"},\"systemType\":\"DESTINATION\"}"
    "]}";
  const char *second_page =
    "{\"items\":[{\"ref\":\"r1\",\"clientKey\":\"new key\",\"name\":\"one\","
    "\"description\":\"new\",\"auth\":{\"authType\":\"OAUTH\"},\"icon\":\"fa-y\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = pb_connection_parse_list (page, -1, &error);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(PbConnection) alone = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  PbConnection *zero;
  PbConnection *one;
  PbConnection *two;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  zero = items->pdata[0];
  one = g_object_ref (items->pdata[1]);
  two = items->pdata[2];

  g_assert_cmpstr (pb_connection_get_client_key (zero), ==, "key");
  g_assert_cmpstr (pb_connection_get_client_key (one), ==, "last key");
  g_assert_cmpstr (pb_connection_get_description (two), ==, "same");
  g_assert_cmpstr (pb_connection_get_request_body (zero), ==, "{\n  \"a\": 1\n}");
  g_assert_cmpstr (pb_connection_get_auth_access_token_url (zero), ==, "https://a/token");
  g_assert_cmpstr (pb_connection_get_modified_by_ref (one), ==, "u-1");
  g_assert_cmpstr (pb_connection_get_modified_by_ref (two), ==, "u-1");
  g_assert_cmpint (pb_connection_get_auth_kind (zero), ==, PB_AUTH_KIND_OAUTH);
  g_assert_cmpint (pb_connection_get_auth_kind (one), ==, PB_AUTH_KIND_NONE);
  g_assert_cmpint (pb_connection_get_system_kind (two), ==, PB_SYSTEM_KIND_DESTINATION);
  g_assert_null (pb_connection_get_system_type (zero));
  g_assert_null (pb_connection_get_icon (two));
  /* Kept once. */
  g_assert_true (pb_connection_get_client_key (zero) == pb_connection_get_client_key (two));
  g_assert_true (pb_connection_get_request_body (zero) == pb_connection_get_request_body (two));
  g_assert_true (pb_connection_get_icon (zero) == pb_connection_get_icon (one));
  g_assert_true (pb_connection_get_modified_by_ref (one)
                 == pb_connection_get_modified_by_ref (two));
  g_assert_false (pb_connection_get_ref (zero) == pb_connection_get_ref (two));

  /* One connection outlives its page. */
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_cmpstr (pb_connection_get_client_key (one), ==, "last key");
  g_assert_cmpstr (pb_connection_get_icon (one), ==, "fa-x");
  g_assert_cmpstr (pb_connection_get_auth_type (one), ==, "NONE");

  /* Updated from another page, which then goes. */
  second = pb_connection_parse_list (second_page, -1, &error);
  g_assert_no_error (error);
  g_signal_connect (one, "notify", G_CALLBACK (on_notify), names);
  pb_connection_update_from (one, second->pdata[0]);
  g_clear_pointer (&second, g_ptr_array_unref);
  list = joined (names);
  g_assert_cmpstr (list, ==,
                   "auth-kind auth-type client-key description icon json modified-by-ref");
  g_assert_cmpstr (pb_connection_get_client_key (one), ==, "new key");
  g_assert_cmpstr (pb_connection_get_description (one), ==, "new");
  g_assert_cmpstr (pb_connection_get_icon (one), ==, "fa-y");
  g_assert_cmpstr (pb_connection_get_ref (one), ==, "r1");
  g_assert_null (pb_connection_get_modified_by_ref (one));

  /* And from a connection read alone (nothing shared). */
  alone = parse_one ("{\"ref\":\"r1\",\"name\":\"one\",\"clientKey\":\"own key\"}");
  pb_connection_update_from (one, alone);
  g_clear_object (&alone);
  g_assert_cmpstr (pb_connection_get_client_key (one), ==, "own key");
  g_assert_null (pb_connection_get_icon (one));

  g_signal_handlers_disconnect_by_data (one, names);
  g_assert_finalize_object (one);

  /* A long page: many different values, and each repeated one kept once. */
  {
    g_autoptr(GString) text = g_string_new ("{\"items\":[");
    g_autoptr(GPtrArray) many = NULL;

    for (guint i = 0; i < 400; i++)
      g_string_append_printf (text, "%s{\"name\":\"n\",\"clientKey\":\"key %u\","
                              "\"description\":\"description %u\"}",
                              i > 0 ? "," : "", i, i % 150);
    g_string_append (text, "]}");
    many = pb_connection_parse_list (text->str, text->len, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < many->len; i++)
      {
        g_autofree char *key = g_strdup_printf ("key %u", i);
        g_autofree char *description = g_strdup_printf ("description %u", i % 150);

        g_assert_cmpstr (pb_connection_get_client_key (many->pdata[i]), ==, key);
        g_assert_cmpstr (pb_connection_get_description (many->pdata[i]), ==, description);
        if (i >= 150)
          g_assert_true (pb_connection_get_description (many->pdata[i])
                         == pb_connection_get_description (many->pdata[i - 150]));
      }
  }
}

/* The ref at the end of the href (as the API sends them) is kept once; any other way, each
 * is kept as it came. */
static void
test_ref_in_href (void)
{
  const char *inputs[] = {
    "{\"href\":\"https://x/v2/connections/abc-1\",\"ref\":\"abc-1\",\"name\":\"n\"}",
    "{\"ref\":\"abc-1\",\"href\":\"https://x/v2/connections/abc-1\",\"name\":\"n\"}",
    "{\"href\":\"https://x/v2/connections/abc-1\",\"name\":\"n\",\"ref\":\"abc-1\"}",
    "{\"href\":\"https://x/v2/connections/abc-1\",\"ref\":\"abc-2\",\"name\":\"n\"}",
    "{\"href\":\"c-1\",\"ref\":\"abc-1\",\"name\":\"n\"}",
    "{\"href\":\"https://x/v2/connections/abc-1\",\"ref\":\"\",\"name\":\"n\"}",
    "{\"href\":\"https://x/v2/connections/a\\u0062c-1\",\"ref\":\"ab\\u0063-1\",\"name\":\"n\","
    "\"href\":\"https://y/other\",\"ref\":\"other\"}",
  };
  const char *refs[] = { "abc-1", "abc-1", "abc-1", "abc-2", "abc-1", "", "other" };
  const char *hrefs[] = {
    "https://x/v2/connections/abc-1", "https://x/v2/connections/abc-1",
    "https://x/v2/connections/abc-1", "https://x/v2/connections/abc-1", "c-1",
    "https://x/v2/connections/abc-1", "https://y/other",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *page = g_strdup_printf ("{\"items\":[%s]}", inputs[i]);
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PbConnection) one = parse_one (inputs[i]);
      PbConnection *c;
      const char *ref;
      const char *href;

      items = pb_connection_parse_list (page, -1, &error);
      g_assert_no_error (error);
      c = items->pdata[0];
      ref = pb_connection_get_ref (c);
      href = pb_connection_get_href (c);

      g_assert_cmpstr (ref, ==, refs[i]);
      g_assert_cmpstr (href, ==, hrefs[i]);
      g_assert_cmpstr (pb_connection_get_ref (one), ==, refs[i]);
      g_assert_cmpstr (pb_connection_get_href (one), ==, hrefs[i]);
      if (i == 0 || i == 5 || i == 6)
        g_assert_true (ref == href + strlen (href) - strlen (ref));
    }
}

int
main (int   argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection/json-round-trip", test_json_round_trip);
  g_test_add_func ("/connection/properties", test_properties);
  g_test_add_func ("/connection/fuzz", test_fuzz);
  g_test_add_func ("/connection/spacing", test_spacing);
  g_test_add_func ("/connection/update-from", test_update_from);
  g_test_add_func ("/connection/threads", test_threads);
  g_test_add_func ("/connection/shared-strings", test_shared_strings);
  g_test_add_func ("/connection/ref-in-href", test_ref_in_href);
  g_test_add_func ("/connection/lifetime", test_lifetime);

  return g_test_run ();
}
