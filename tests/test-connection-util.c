/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-util"

#include "config.h"

#include <string.h>

#include "pb-test-util.h"
#include "test-connection-util.h"

/* What the tests of connections share: fixtures, parsing that must succeed, and the check of
 * every field of a connection against the JSON object it came from. */

JsonNode *
load_fixture_node (const char *name)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  text = pb_test_read_fixture (name);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

PbConnection *
parse_one (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (PB_IS_CONNECTION (connection));
  return connection;
}

GPtrArray *
parse_list_fixture (const char *name)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  text = pb_test_read_fixture (name);
  items = pb_connection_parse_list (text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

PbConnection *
parse_one_fixture (const char *name)
{
  g_autofree char *text = pb_test_read_fixture (name);

  return parse_one (text);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return -1;
  return json_node_get_int (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_array (node);
}

static void
check_name_values (GListModel *model,
                   JsonArray  *array)
{
  guint n = array ? json_array_get_length (array) : 0;

  g_assert_true (g_list_model_get_item_type (model) == PB_TYPE_NAME_VALUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbNameValue) row = g_list_model_get_item (model, i);
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_cmpstr (pb_name_value_get_name (row), ==, member_string (o, "name"));
      g_assert_cmpstr (pb_name_value_get_value (row), ==, member_string (o, "value"));
    }
}

static const char * const known_members[] = {
  "ref", "href", "clientKey", "name", "description", "modifiedByRef", "modifiedByUserRef",
  "modifiedAt", "revision", "archived", "systemType", "auth", "request", "customHeaders",
  "urlParameters", "inputMappings", "outputMappings", "exampleValue", "connectionTimeout",
  "socketTimeout", "icon", NULL
};

static const char * const known_auth_members[] = {
  "authType", "clientId", "accessTokenUrl", "useMutualTls", "oauthCustomHeaders",
  "formUrlEncodedItems", NULL
};

static const char * const known_request_members[] = {
  "requestType", "connectionUrl", "requestBody", NULL
};

static void
assert_all_members_known (JsonObject         *object,
                          const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      g_error ("The fixture has a field the test does not check: %s", (char *)l->data);
}

/* Checks every field of the connection against the JSON object it came from, read with
 * json-glib: the parser must give exactly the value in the file. */
void
check_against_json (PbConnection *c,
                    JsonObject   *o)
{
  JsonObject *auth = NULL;
  JsonObject *request = NULL;
  g_autoptr(JsonNode) kept = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  GListModel *model;
  guint n;

  assert_all_members_known (o, known_members);

  g_assert_cmpstr (pb_connection_get_ref (c), ==, member_string (o, "ref"));
  g_assert_cmpstr (pb_connection_get_href (c), ==, member_string (o, "href"));
  g_assert_cmpstr (pb_connection_get_client_key (c), ==, member_string (o, "clientKey"));
  g_assert_cmpstr (pb_connection_get_name (c), ==, member_string (o, "name"));
  g_assert_cmpstr (pb_connection_get_description (c), ==, member_string (o, "description"));
  if (member_string (o, "modifiedByRef"))
    g_assert_cmpstr (pb_connection_get_modified_by_ref (c), ==,
                     member_string (o, "modifiedByRef"));
  else
    g_assert_cmpstr (pb_connection_get_modified_by_ref (c), ==,
                     member_string (o, "modifiedByUserRef"));
  g_assert_cmpstr (pb_connection_get_modified_at_text (c), ==, member_string (o, "modifiedAt"));
  if (member_string (o, "modifiedAt"))
    {
      g_autofree char *iso = NULL;

      g_assert_nonnull (pb_connection_get_modified_at (c));
      iso = g_date_time_format_iso8601 (pb_connection_get_modified_at (c));
      /* Same instant: g_date_time_format_iso8601 writes microseconds. */
      g_assert_cmpint (strncmp (iso, member_string (o, "modifiedAt"), 19), ==, 0);
    }
  else
    g_assert_null (pb_connection_get_modified_at (c));
  g_assert_cmpint (pb_connection_get_revision (c), ==, member_int (o, "revision"));
  g_assert_cmpint (pb_connection_get_archived (c), ==,
                   json_object_get_boolean_member_with_default (o, "archived", FALSE));
  g_assert_cmpstr (pb_connection_get_system_type (c), ==, member_string (o, "systemType"));
  g_assert_cmpstr (pb_connection_get_example_value (c), ==, member_string (o, "exampleValue"));
  g_assert_cmpint (pb_connection_get_connection_timeout (c), ==,
                   member_int (o, "connectionTimeout"));
  g_assert_cmpint (pb_connection_get_socket_timeout (c), ==, member_int (o, "socketTimeout"));
  g_assert_cmpstr (pb_connection_get_icon (c), ==, member_string (o, "icon"));

  if (json_object_has_member (o, "auth"))
    {
      auth = json_object_get_object_member (o, "auth");
      assert_all_members_known (auth, known_auth_members);
    }
  g_assert_cmpstr (pb_connection_get_auth_type (c), ==, member_string (auth, "authType"));
  g_assert_cmpstr (pb_connection_get_auth_client_id (c), ==, member_string (auth, "clientId"));
  g_assert_cmpstr (pb_connection_get_auth_access_token_url (c), ==,
                   member_string (auth, "accessTokenUrl"));
  g_assert_cmpint (pb_connection_get_auth_use_mutual_tls (c), ==,
                   auth ? json_object_get_boolean_member_with_default (auth, "useMutualTls",
                                                                       FALSE) : FALSE);
  check_name_values (pb_connection_get_oauth_custom_headers (c),
                     member_array (auth, "oauthCustomHeaders"));
  check_name_values (pb_connection_get_form_url_encoded_items (c),
                     member_array (auth, "formUrlEncodedItems"));

  if (json_object_has_member (o, "request"))
    {
      request = json_object_get_object_member (o, "request");
      assert_all_members_known (request, known_request_members);
    }
  g_assert_cmpstr (pb_connection_get_request_type (c), ==, member_string (request, "requestType"));
  g_assert_cmpstr (pb_connection_get_connection_url (c), ==,
                   member_string (request, "connectionUrl"));
  g_assert_cmpstr (pb_connection_get_request_body (c), ==,
                   member_string (request, "requestBody"));

  check_name_values (pb_connection_get_custom_headers (c), member_array (o, "customHeaders"));
  /* Empty in every known example. */
  check_name_values (pb_connection_get_url_parameters (c), member_array (o, "urlParameters"));

  array = member_array (o, "inputMappings");
  model = pb_connection_get_input_mappings (c);
  n = array ? json_array_get_length (array) : 0;
  g_assert_true (g_list_model_get_item_type (model) == PB_TYPE_INPUT_MAPPING);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbInputMapping) m = g_list_model_get_item (model, i);
      JsonObject *mo = json_array_get_object_element (array, i);

      g_assert_cmpstr (pb_input_mapping_get_label (m), ==, member_string (mo, "label"));
      g_assert_cmpstr (pb_input_mapping_get_key (m), ==, member_string (mo, "key"));
      g_assert_cmpstr (pb_input_mapping_get_value_type (m), ==, member_string (mo, "type"));
      g_assert_cmpstr (pb_input_mapping_get_example_value (m), ==,
                       member_string (mo, "exampleValue"));
      g_assert_cmpstr (pb_input_mapping_get_mapping (m), ==, member_string (mo, "mapping"));
    }

  array = member_array (o, "outputMappings");
  model = pb_connection_get_output_mappings (c);
  n = array ? json_array_get_length (array) : 0;
  g_assert_true (g_list_model_get_item_type (model) == PB_TYPE_OUTPUT_MAPPING);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbOutputMapping) m = g_list_model_get_item (model, i);
      JsonObject *mo = json_array_get_object_element (array, i);

      g_assert_cmpstr (pb_output_mapping_get_label (m), ==, member_string (mo, "label"));
      g_assert_cmpstr (pb_output_mapping_get_output_reference (m), ==,
                       member_string (mo, "outputReference"));
      g_assert_cmpstr (pb_output_mapping_get_value_type (m), ==, member_string (mo, "type"));
    }

  /* Nothing lost: the kept text is the same JSON object. */
  kept = json_from_string (pb_connection_get_json (c), &error);
  g_assert_no_error (error);
  original = json_node_init_object (json_node_alloc (), o);
  g_assert_true (json_node_equal (kept, original));
}

guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

PbNameValue *
name_value_at (GListModel *model,
               guint       position)
{
  PbNameValue *row = g_list_model_get_item (model, position);

  g_assert_true (PB_IS_NAME_VALUE (row));
  /* The model keeps its own reference. */
  g_object_unref (row);
  return row;
}
