/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-connection-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static JsonNode *
load_fixture_node (const char *name)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gsize length;

  text = load_fixture (name, &length);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static PbConnection *
parse_one (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (PB_IS_CONNECTION (connection));
  return connection;
}

static GPtrArray *
parse_list_fixture (const char *name)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  gsize length;

  text = load_fixture (name, &length);
  items = pb_connection_parse_list (text, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static PbConnection *
parse_one_fixture (const char *name)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  PbConnection *connection;
  gsize length;

  text = load_fixture (name, &length);
  connection = pb_connection_new_from_data (text, length, &error);
  g_assert_no_error (error);
  g_assert_true (PB_IS_CONNECTION (connection));
  return connection;
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
static void
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

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static PbNameValue *
name_value_at (GListModel *model,
               guint       position)
{
  PbNameValue *row = g_list_model_get_item (model, position);

  g_assert_true (PB_IS_NAME_VALUE (row));
  /* The model keeps its own reference. */
  g_object_unref (row);
  return row;
}

/* ------------------------------------------------------------------------------------------ */
/* The documented payloads                                                                    */

static void
test_fixture_list (void)
{
  g_autoptr(GPtrArray) items = parse_list_fixture ("list-connections.json");
  g_autoptr(JsonNode) root = load_fixture_node ("list-connections.json");
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), "items");
  PbConnection *c;
  GListModel *model;
  PbOutputMapping *om;

  g_assert_cmpuint (items->len, ==, json_array_get_length (array));
  g_assert_cmpuint (items->len, ==, 1);
  for (guint i = 0; i < items->len; i++)
    check_against_json (items->pdata[i], json_array_get_object_element (array, i));

  /* And against the literal values of the file. */
  c = items->pdata[0];
  g_assert_cmpstr (pb_connection_get_client_key (c), ==, "pqsPERS3lw12v5a9rrHPW1c4hET73GxQ");
  g_assert_cmpstr (pb_connection_get_href (c), ==,
                   "<baseURL>/v2/connections/65aeee1b-d0ba-478b-ac97-a6fced1b2a4a");
  g_assert_cmpstr (pb_connection_get_ref (c), ==, "65aeee1b-d0ba-478b-ac97-a6fced1b2a4a");
  g_assert_cmpstr (pb_connection_get_name (c), ==, "First web service");
  g_assert_cmpstr (pb_connection_get_description (c), ==, "first service");
  g_assert_cmpstr (pb_connection_get_modified_by_ref (c), ==,
                   "bfe5bd9a-f37b-4b9d-a3e4-169674d251ea");
  g_assert_cmpstr (pb_connection_get_modified_at_text (c), ==, "2025-07-02T14:04:58.347Z");
  g_assert_cmpint (g_date_time_get_year (pb_connection_get_modified_at (c)), ==, 2025);
  g_assert_cmpint (g_date_time_get_month (pb_connection_get_modified_at (c)), ==, 7);
  g_assert_cmpint (g_date_time_get_day_of_month (pb_connection_get_modified_at (c)), ==, 2);
  g_assert_cmpint (g_date_time_get_hour (pb_connection_get_modified_at (c)), ==, 14);
  g_assert_cmpint (g_date_time_get_minute (pb_connection_get_modified_at (c)), ==, 4);
  g_assert_cmpint (g_date_time_get_second (pb_connection_get_modified_at (c)), ==, 58);
  g_assert_cmpint (g_date_time_get_microsecond (pb_connection_get_modified_at (c)), ==, 347000);
  g_assert_cmpint (g_date_time_get_utc_offset (pb_connection_get_modified_at (c)), ==, 0);
  g_assert_cmpint (pb_connection_get_revision (c), ==, 1);
  g_assert_false (pb_connection_get_archived (c));
  g_assert_cmpstr (pb_connection_get_auth_type (c), ==, "OAUTH");
  g_assert_cmpint (pb_connection_get_auth_kind (c), ==, PB_AUTH_KIND_OAUTH);
  g_assert_cmpstr (pb_connection_get_auth_client_id (c), ==, "pqsPERS3lw12v5a9rrHPW1c4hET73GxQ");
  g_assert_cmpstr (pb_connection_get_auth_access_token_url (c), ==, "<baseURL>/v2/oauth/token");
  g_assert_false (pb_connection_get_auth_use_mutual_tls (c));
  g_assert_cmpuint (n_items (pb_connection_get_oauth_custom_headers (c)), ==, 0);
  g_assert_cmpuint (n_items (pb_connection_get_form_url_encoded_items (c)), ==, 0);
  g_assert_cmpstr (pb_connection_get_request_type (c), ==, "GET");
  g_assert_cmpstr (pb_connection_get_connection_url (c), ==,
                   "<baseURL>/v2/decisionModelDefinitions/36b56832-e5b4-46ac-856d-7ae2dd26e94c");
  g_assert_null (pb_connection_get_request_body (c));
  g_assert_cmpstr (pb_connection_get_example_value (c), ==, "");
  g_assert_cmpuint (n_items (pb_connection_get_input_mappings (c)), ==, 0);

  model = pb_connection_get_output_mappings (c);
  g_assert_cmpuint (n_items (model), ==, 9);
  om = g_list_model_get_item (model, 0);
  g_assert_cmpstr (pb_output_mapping_get_label (om), ==, "Archived");
  g_assert_cmpstr (pb_output_mapping_get_output_reference (om), ==, "archived");
  g_assert_cmpstr (pb_output_mapping_get_value_type (om), ==, "boolean");
  g_object_unref (om);
  om = g_list_model_get_item (model, 4);
  g_assert_cmpstr (pb_output_mapping_get_label (om), ==, "Modified At");
  g_assert_cmpstr (pb_output_mapping_get_output_reference (om), ==, "modifiedAt");
  g_assert_cmpstr (pb_output_mapping_get_value_type (om), ==, "number");
  g_object_unref (om);
  om = g_list_model_get_item (model, 8);
  g_assert_cmpstr (pb_output_mapping_get_label (om), ==, "Revision");
  g_assert_cmpstr (pb_output_mapping_get_output_reference (om), ==, "revision");
  g_assert_cmpstr (pb_output_mapping_get_value_type (om), ==, "number");
  g_object_unref (om);
  g_assert_null (g_list_model_get_item (model, 9));

  model = pb_connection_get_custom_headers (c);
  g_assert_cmpuint (n_items (model), ==, 1);
  g_assert_cmpstr (pb_name_value_get_name (name_value_at (model, 0)), ==, "Content-Type");
  g_assert_cmpstr (pb_name_value_get_value (name_value_at (model, 0)), ==, "application/json");
  g_assert_cmpuint (n_items (pb_connection_get_url_parameters (c)), ==, 0);
  g_assert_cmpstr (pb_connection_get_system_type (c), ==, "DATA_SYSTEM");
  g_assert_cmpint (pb_connection_get_system_kind (c), ==, PB_SYSTEM_KIND_DATA_SYSTEM);
  g_assert_cmpint (pb_connection_get_connection_timeout (c), ==, 1000);
  g_assert_cmpint (pb_connection_get_socket_timeout (c), ==, 1000);
  g_assert_cmpstr (pb_connection_get_icon (c), ==, "assets/images/icons/connections/infare.png");

  g_ptr_array_set_size (items, 0);
}

static void
test_fixture_destination (void)
{
  g_autoptr(PbConnection) c = parse_one_fixture ("connection-destination.json");
  g_autoptr(JsonNode) root = load_fixture_node ("connection-destination.json");
  g_autoptr(PbInputMapping) im = NULL;
  GListModel *model;

  check_against_json (c, json_node_get_object (root));

  g_assert_cmpstr (pb_connection_get_client_key (c), ==, "pqsPERS3lw12v5a9rrHPW1c4hET73GxQ");
  g_assert_cmpstr (pb_connection_get_href (c), ==,
                   "<baseURL>/v2/connections/47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (pb_connection_get_ref (c), ==, "47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (pb_connection_get_name (c), ==, "Weather Data System");
  g_assert_cmpstr (pb_connection_get_description (c), ==, "Weather Data System");
  g_assert_cmpstr (pb_connection_get_modified_by_ref (c), ==,
                   "bfe5bd9a-f37b-4b9d-a3e4-169674d251ea");
  g_assert_cmpstr (pb_connection_get_modified_at_text (c), ==, "2025-01-30T22:02:23.401Z");
  g_assert_cmpint (g_date_time_to_unix (pb_connection_get_modified_at (c)), ==, 1738274543);
  g_assert_cmpint (pb_connection_get_revision (c), ==, 1);
  g_assert_false (pb_connection_get_archived (c));
  g_assert_cmpstr (pb_connection_get_auth_type (c), ==, "NONE");
  g_assert_cmpint (pb_connection_get_auth_kind (c), ==, PB_AUTH_KIND_NONE);
  g_assert_null (pb_connection_get_auth_client_id (c));
  g_assert_null (pb_connection_get_auth_access_token_url (c));
  g_assert_cmpstr (pb_connection_get_request_type (c), ==, "POST");
  g_assert_cmpstr (pb_connection_get_connection_url (c), ==,
                   "https://example.com/api/1.0/messages/send.json");
  g_assert_cmpstr (pb_connection_get_request_body (c), ==,
                   "{\"key\":\"${key}\",\"message\":\"${message}\"}");
  g_assert_true (g_str_has_prefix (pb_connection_get_example_value (c),
                                   "{\"key\":\"RkeVXoh0NB5K8nGUH-Ew7w\",\"message\":{"));

  model = pb_connection_get_input_mappings (c);
  g_assert_cmpuint (n_items (model), ==, 2);
  im = g_list_model_get_item (model, 1);
  g_assert_cmpstr (pb_input_mapping_get_label (im), ==, "Message");
  g_assert_cmpstr (pb_input_mapping_get_key (im), ==, "message");
  g_assert_cmpstr (pb_input_mapping_get_value_type (im), ==, "object");
  g_assert_true (g_str_has_prefix (pb_input_mapping_get_example_value (im),
                                   "{\"text\":\"Some text\",\"subject\":\"Connection!\""));
  g_assert_cmpstr (pb_input_mapping_get_mapping (im), ==, "");

  model = pb_connection_get_custom_headers (c);
  g_assert_cmpuint (n_items (model), ==, 3);
  g_assert_cmpstr (pb_name_value_get_name (name_value_at (model, 1)), ==, "Accept-Encoding");
  g_assert_cmpstr (pb_name_value_get_value (name_value_at (model, 1)), ==, "gzip");
  g_assert_cmpuint (n_items (pb_connection_get_output_mappings (c)), ==, 0);
  g_assert_cmpstr (pb_connection_get_system_type (c), ==, "DESTINATION");
  g_assert_cmpint (pb_connection_get_system_kind (c), ==, PB_SYSTEM_KIND_DESTINATION);
  g_assert_cmpint (pb_connection_get_connection_timeout (c), ==, 1000);
  g_assert_cmpint (pb_connection_get_socket_timeout (c), ==, 1000);
  g_assert_cmpstr (pb_connection_get_icon (c), ==, "assets/images/channel-images/email.svg");
}

static void
test_fixture_create_response (void)
{
  g_autoptr(PbConnection) c = parse_one_fixture ("create-connection-response.json");
  g_autoptr(JsonNode) root = load_fixture_node ("create-connection-response.json");

  check_against_json (c, json_node_get_object (root));

  g_assert_cmpstr (pb_connection_get_ref (c), ==, "91fd83dc-3026-4854-9dc2-9bd9e72f8b34");
  g_assert_cmpstr (pb_connection_get_name (c), ==, "Connect to Data System");
  g_assert_null (pb_connection_get_description (c));
  g_assert_cmpstr (pb_connection_get_modified_by_ref (c), ==,
                   "73fadb31-d0de-4ca8-848d-cef57ad78845");
  g_assert_cmpstr (pb_connection_get_modified_at_text (c), ==, "2025-12-14T08:52:11.969Z");
  g_assert_cmpint (pb_connection_get_revision (c), ==, 1);
  g_assert_cmpstr (pb_connection_get_system_type (c), ==, "DATA_SYSTEM");
  g_assert_null (pb_connection_get_example_value (c));
  g_assert_null (pb_connection_get_icon (c));
  g_assert_cmpint (pb_connection_get_connection_timeout (c), ==, -1);
  g_assert_cmpint (pb_connection_get_socket_timeout (c), ==, -1);
  g_assert_cmpuint (n_items (pb_connection_get_custom_headers (c)), ==, 0);
}

static void
test_fixture_create_request (void)
{
  g_autoptr(PbConnection) c = parse_one_fixture ("create-connection-request.json");
  g_autoptr(JsonNode) root = load_fixture_node ("create-connection-request.json");

  check_against_json (c, json_node_get_object (root));
  g_assert_null (pb_connection_get_ref (c));
  g_assert_null (pb_connection_get_modified_at (c));
  g_assert_cmpint (pb_connection_get_revision (c), ==, -1);
}

static void
test_fixture_test_request (void)
{
  g_autoptr(JsonNode) root = load_fixture_node ("test-connection-request.json");
  JsonObject *object = json_object_get_object_member (json_node_get_object (root), "connection");
  JsonNode *node = json_object_get_member (json_node_get_object (root), "connection");
  g_autoptr(PbConnection) c = NULL;
  g_autoptr(PbConnection) c2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PbInputMapping) im = NULL;
  g_autoptr(PbOutputMapping) om = NULL;
  GListModel *model;

  c = _pb_connection_new_from_node (node, "connection", &error);
  g_assert_no_error (error);
  check_against_json (c, object);

  text = json_to_string (node, TRUE);
  c2 = parse_one (text);
  check_against_json (c2, object);

  g_assert_cmpstr (pb_connection_get_name (c), ==, "SMS gateway");
  g_assert_cmpstr (pb_connection_get_description (c), ==, "Sends text messages");
  g_assert_cmpint (pb_connection_get_revision (c), ==, 3);
  g_assert_null (pb_connection_get_modified_at_text (c));
  g_assert_null (pb_connection_get_modified_by_ref (c));
  g_assert_cmpstr (pb_connection_get_request_body (c), ==,
                   "{\n  \"to\": \"${phone}\",\n  \"text\": \"${text}\"\n}");
  model = pb_connection_get_input_mappings (c);
  im = g_list_model_get_item (model, 0);
  g_assert_cmpstr (pb_input_mapping_get_example_value (im), ==, "+15550100");
  model = pb_connection_get_output_mappings (c);
  om = g_list_model_get_item (model, 0);
  g_assert_cmpstr (pb_output_mapping_get_value_type (om), ==, "String");
  g_assert_cmpstr (pb_name_value_get_value (name_value_at (pb_connection_get_custom_headers (c),
                                                           2)), ==, "{sms}");
  g_assert_cmpint (pb_connection_get_connection_timeout (c), ==, 10000);
  g_assert_cmpstr (pb_connection_get_icon (c), ==, "fad fa-sms");

  /* A node that is not an object. */
  g_clear_object (&c2);
  {
    g_autoptr(JsonNode) number = json_from_string ("5", NULL);

    c2 = _pb_connection_new_from_node (number, "connection", &error);
    g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE);
    g_assert_cmpstr (error->message, ==, "connection: expected an object");
    g_assert_null (c2);
  }
}

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
      g_autofree char *text = load_fixture (names[i], NULL);
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

/* ------------------------------------------------------------------------------------------ */
/* Malformed and odd input                                                                    */

typedef struct
{
  gboolean    list;
  const char *input;
  gssize      length;
  int         code;
  const char *message;
} ErrorCase;

#define ONE(text, code, message)  { FALSE, text, -1, PB_PARSE_ERROR_##code, message }
#define LIST(text, code, message) { TRUE, text, -1, PB_PARSE_ERROR_##code, message }

static const ErrorCase error_cases[] = {
  /* The structure of a list document */
  LIST ("{\"items\": 5}", STRUCTURE, "items: expected an array"),
  LIST ("{\"items\": null}", STRUCTURE, "items: expected an array"),
  LIST ("{\"items\": {}}", STRUCTURE, "items: expected an array"),
  LIST ("{\"href\": \"x\", \"offset\": 0, \"limit\": 100}", STRUCTURE, "items: missing"),
  LIST ("[]", STRUCTURE, "document: expected an object"),
  LIST ("[{\"name\": \"a\"}]", STRUCTURE, "document: expected an object"),
  LIST ("{\"items\": [1]}", STRUCTURE, "items[0]: expected an object"),
  LIST ("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}, \"x\"]}", STRUCTURE,
        "items[2]: expected an object"),
  LIST ("{\"items\": [{\"ref\": \"a\"}]}", STRUCTURE, "items[0].name: missing"),
  LIST ("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\"},"
        " {\"name\": \"d\", \"auth\": {\"authType\": 5}}]}", STRUCTURE,
        "items[3].auth.authType: expected a string"),
  LIST ("{\"items\": [{\"name\": \"a\", \"customHeaders\": [{\"name\": \"A\"}, 7]}]}", STRUCTURE,
        "items[0].customHeaders[1]: expected an object"),
  LIST ("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\", \"inputMappings\":"
        " [{\"label\": \"x\", \"key\": false}]}]}", STRUCTURE,
        "items[1].inputMappings[0].key: expected a string"),
  /* The structure of a connection */
  ONE ("{\"name\": 5}", STRUCTURE, "name: expected a string"),
  ONE ("{}", STRUCTURE, "name: missing"),
  ONE ("{\"name\": null}", STRUCTURE, "name: missing"),
  ONE ("\"just text\"", STRUCTURE, "document: expected an object"),
  ONE ("[{\"name\": \"a\"}]", STRUCTURE, "document: expected an object"),
  ONE ("{\"name\": \"a\", \"ref\": 12}", STRUCTURE, "ref: expected a string"),
  ONE ("{\"name\": \"a\", \"description\": false}", STRUCTURE,
       "description: expected a string"),
  ONE ("{\"name\": \"a\", \"auth\": {\"authType\": true}}", STRUCTURE,
       "auth.authType: expected a string"),
  ONE ("{\"name\": \"a\", \"auth\": []}", STRUCTURE, "auth: expected an object"),
  ONE ("{\"name\": \"a\", \"auth\": \"NONE\"}", STRUCTURE, "auth: expected an object"),
  ONE ("{\"name\": \"a\", \"auth\": {\"clientId\": 1}}", STRUCTURE,
       "auth.clientId: expected a string"),
  ONE ("{\"name\": \"a\", \"auth\": {\"accessTokenUrl\": {}}}", STRUCTURE,
       "auth.accessTokenUrl: expected a string"),
  ONE ("{\"name\": \"a\", \"auth\": {\"useMutualTls\": 0}}", STRUCTURE,
       "auth.useMutualTls: expected a boolean"),
  ONE ("{\"name\": \"a\", \"auth\": {\"useMutualTls\": \"true\"}}", STRUCTURE,
       "auth.useMutualTls: expected a boolean"),
  ONE ("{\"name\": \"a\", \"auth\": {\"oauthCustomHeaders\": [null]}}", STRUCTURE,
       "auth.oauthCustomHeaders[0]: expected an object"),
  ONE ("{\"name\": \"a\", \"auth\": {\"formUrlEncodedItems\": \"x\"}}", STRUCTURE,
       "auth.formUrlEncodedItems: expected an array"),
  ONE ("{\"name\": \"a\", \"auth\": {\"formUrlEncodedItems\": [{\"name\": [], \"value\": \"\"}]}}",
       STRUCTURE, "auth.formUrlEncodedItems[0].name: expected a string"),
  ONE ("{\"name\": \"a\", \"request\": \"GET\"}", STRUCTURE, "request: expected an object"),
  ONE ("{\"name\": \"a\", \"request\": {\"requestType\": [\"GET\"]}}", STRUCTURE,
       "request.requestType: expected a string"),
  ONE ("{\"name\": \"a\", \"request\": {\"connectionUrl\": 1}}", STRUCTURE,
       "request.connectionUrl: expected a string"),
  ONE ("{\"name\": \"a\", \"request\": {\"requestBody\": {\"a\": 1}}}", STRUCTURE,
       "request.requestBody: expected a string"),
  ONE ("{\"name\": \"a\", \"revision\": \"1\"}", STRUCTURE, "revision: expected an integer"),
  ONE ("{\"name\": \"a\", \"revision\": 1.5}", STRUCTURE, "revision: expected an integer"),
  ONE ("{\"name\": \"a\", \"revision\": 1e400}", STRUCTURE, "revision: expected an integer"),
  ONE ("{\"name\": \"a\", \"connectionTimeout\": 9223372036854775808}", STRUCTURE,
       "connectionTimeout: expected an integer"),
  ONE ("{\"name\": \"a\", \"connectionTimeout\": -9223372036854775809}", STRUCTURE,
       "connectionTimeout: expected an integer"),
  ONE ("{\"name\": \"a\", \"socketTimeout\": true}", STRUCTURE,
       "socketTimeout: expected an integer"),
  ONE ("{\"name\": \"a\", \"archived\": \"false\"}", STRUCTURE, "archived: expected a boolean"),
  ONE ("{\"name\": \"a\", \"archived\": 0}", STRUCTURE, "archived: expected a boolean"),
  ONE ("{\"name\": \"a\", \"customHeaders\": {}}", STRUCTURE, "customHeaders: expected an array"),
  ONE ("{\"name\": \"a\", \"customHeaders\": [{\"name\": \"A\", \"value\": 1}]}", STRUCTURE,
       "customHeaders[0].value: expected a string"),
  ONE ("{\"name\": \"a\", \"urlParameters\": \"p=1\"}", STRUCTURE,
       "urlParameters: expected an array"),
  ONE ("{\"name\": \"a\", \"inputMappings\": [{\"label\": \"L\", \"type\": {}}]}", STRUCTURE,
       "inputMappings[0].type: expected a string"),
  ONE ("{\"name\": \"a\", \"inputMappings\": [{\"exampleValue\": {\"a\": 1}}]}", STRUCTURE,
       "inputMappings[0].exampleValue: expected a string"),
  ONE ("{\"name\": \"a\", \"inputMappings\": [{}, {}, {\"mapping\": 3}]}", STRUCTURE,
       "inputMappings[2].mapping: expected a string"),
  ONE ("{\"name\": \"a\", \"outputMappings\": [{\"outputReference\": []}]}", STRUCTURE,
       "outputMappings[0].outputReference: expected a string"),
  ONE ("{\"name\": \"a\", \"outputMappings\": [[]]}", STRUCTURE,
       "outputMappings[0]: expected an object"),
  ONE ("{\"name\": \"a\", \"modifiedAt\": 1751464998347}", STRUCTURE,
       "modifiedAt: expected a string"),
  ONE ("{\"name\": \"a\", \"modifiedByRef\": true}", STRUCTURE,
       "modifiedByRef: expected a string"),
  ONE ("{\"name\": \"a\", \"modifiedByUserRef\": 1}", STRUCTURE,
       "modifiedByUserRef: expected a string"),
  ONE ("{\"name\": \"a\", \"systemType\": null, \"icon\": 2}", STRUCTURE,
       "icon: expected a string"),
  ONE ("{\"name\": \"a\", \"systemType\": [\"DESTINATION\"]}", STRUCTURE,
       "systemType: expected a string"),
  ONE ("{\"name\": \"a\", \"exampleValue\": {\"a\": 1}}", STRUCTURE,
       "exampleValue: expected a string"),
  ONE ("{\"name\": \"a\", \"href\": 1, \"clientKey\": 2}", STRUCTURE, "href: expected a string"),
  /* Not JSON */
  ONE ("", SYNTAX, "The data is empty."),
  ONE (" \n\t ", SYNTAX, "The data is empty."),
  ONE ("\xef\xbb\xbf", SYNTAX, "The data is empty."),
  LIST ("", SYNTAX, "The data is empty."),
  ONE ("not json", SYNTAX, "The data is not valid JSON: a value was expected (line 1, column 1)."),
  LIST ("<html><body>Bad gateway</body></html>", SYNTAX,
        "The data is not valid JSON: a value was expected (line 1, column 1)."),
  ONE ("{\"name\": \"a\",}", SYNTAX,
       "The data is not valid JSON: a name in quotes was expected (line 1, column 14)."),
  ONE ("{\"name\": \"a\"", SYNTAX,
       "The data is not valid JSON: the text ends too early (line 1, column 13)."),
  LIST ("{\"items\": [", SYNTAX,
        "The data is not valid JSON: the text ends too early (line 1, column 12)."),
  ONE ("{\"name\": \"a\xff\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{\"name\": \"\xc3\x28\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{\"name\": \"Z\xfcrich\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{\"na\xffme\": \"a\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("\xff{\"name\": \"a\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{\"name\": \"\xc0\xaf\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{\"name\": \"\xed\xa0\x80\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{\"name\": \"\xf4\x90\x80\x80\"}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{\"name\": \"a\"} \xc3", SYNTAX, "The data is not valid UTF-8 text."),
  LIST ("{\"items\": [{\"name\": \"\xe6\x9d\"}]}", SYNTAX, "The data is not valid UTF-8 text."),
  ONE ("{'name': 'a'}", SYNTAX,
       "The data is not valid JSON: a name in quotes was expected (line 1, column 2)."),
  ONE ("{name: \"a\"}", SYNTAX,
       "The data is not valid JSON: a name in quotes was expected (line 1, column 2)."),
  ONE ("/* c */ {\"name\": \"a\"}", SYNTAX,
       "The data is not valid JSON: a value was expected (line 1, column 1)."),
  ONE ("{\"name\": \"a\"} x", SYNTAX,
       "The data is not valid JSON: there is more after the end of the data (line 1, column 15)."),
  ONE ("{\"name\": \"a\"}{}", SYNTAX,
       "The data is not valid JSON: there is more after the end of the data (line 1, column 14)."),
  ONE ("{\"name\": \"a\",\n \"revision\": 01}", SYNTAX,
       "The data is not valid JSON: a comma or “}” was expected (line 2, column 15)."),
  ONE ("{\"name\": \"a\", \"revision\": 0x10}", SYNTAX,
       "The data is not valid JSON: a comma or “}” was expected (line 1, column 28)."),
  ONE ("{\"name\": \"a\", \"x\": [1 2]}", SYNTAX,
       "The data is not valid JSON: a comma or “]” was expected (line 1, column 23)."),
  ONE ("{\"name\": \"a\tb\"}", SYNTAX,
       "The data is not valid JSON: a text in quotes contains a control character "
       "(line 1, column 12)."),
  ONE ("{\"name\": \"\\x41\"}", SYNTAX,
       "The data is not valid JSON: a text in quotes has a bad escape sequence "
       "(line 1, column 11)."),
  ONE ("{\"name\": \"\\u12\"}", SYNTAX,
       "The data is not valid JSON: a text in quotes has a bad escape sequence "
       "(line 1, column 11)."),
  ONE ("{\"name\": \"abc", SYNTAX,
       "The data is not valid JSON: a text in quotes is not closed (line 1, column 14)."),
  ONE ("{\"name\" \"a\"}", SYNTAX,
       "The data is not valid JSON: a colon was expected (line 1, column 9)."),
  ONE ("{\"name\": \"a\", \"x\": tru}", SYNTAX,
       "The data is not valid JSON: a value was expected (line 1, column 20)."),
  ONE ("{\"name\": \"a\", \"x\": NaN}", SYNTAX,
       "The data is not valid JSON: a value was expected (line 1, column 20)."),
  ONE ("{\"name\": \"a\", \"x\": -}", SYNTAX,
       "The data is not valid JSON: a number is not valid (line 1, column 20)."),
  ONE ("{\"name\": \"a\", \"x\": 1.}", SYNTAX,
       "The data is not valid JSON: a number is not valid (line 1, column 20)."),
  ONE ("{\"name\": \"a\", \"x\": 1e}", SYNTAX,
       "The data is not valid JSON: a number is not valid (line 1, column 20)."),
  ONE ("{\"name\": \"a\", \"x\": .5}", SYNTAX,
       "The data is not valid JSON: a value was expected (line 1, column 20)."),
  ONE ("{\"name\": \"a\", \"x\": [1,]}", SYNTAX,
       "The data is not valid JSON: a value was expected (line 1, column 23)."),
  /* Columns count characters, not bytes. */
  ONE ("{\"name\":\n  \"Zürich – 東京\" ?}", SYNTAX,
       "The data is not valid JSON: a comma or “}” was expected (line 2, column 17)."),
  { FALSE, "{\"name\": \"a\"}\0{}", 16, PB_PARSE_ERROR_SYNTAX,
    "The data is not valid JSON: it contains a zero byte." },
  { FALSE, "{\"name\": \"a\0\"}", 14, PB_PARSE_ERROR_SYNTAX,
    "The data is not valid JSON: it contains a zero byte." },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *ec = &error_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (ec->input, NULL);

      g_test_message ("case %u: %s", i, escaped);
      if (ec->list)
        {
          g_autoptr(GPtrArray) result = pb_connection_parse_list (ec->input, ec->length, &error);

          g_assert_null (result);
        }
      else
        {
          g_autoptr(PbConnection) result = pb_connection_new_from_data (ec->input, ec->length,
                                                                        &error);

          g_assert_null (result);
        }
      g_assert_error (error, PB_PARSE_ERROR, ec->code);
      g_assert_cmpstr (error->message, ==, ec->message);
    }
}

static void
test_error_has_no_input (void)
{
  /* Nothing from the input ends up in an error message (it may hold secrets). */
  const char *inputs[] = {
    "{\"name\": \"a\", \"clientSecret\": \"s3cr3t-value\" trailing}",
    "{\"s3cr3t-value\": tru}",
    "s3cr3t-value",
    "{\"name\": \"a\", \"auth\": {\"authType\": {\"s3cr3t-value\": 1}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbConnection) c = pb_connection_new_from_data (inputs[i], -1, &error);
      int code = i == 3 ? PB_PARSE_ERROR_STRUCTURE : PB_PARSE_ERROR_SYNTAX;

      g_assert_null (c);
      g_assert_error (error, PB_PARSE_ERROR, code);
      g_assert_null (strstr (error->message, "s3cr3t"));
    }
}

static void
test_modified_by (void)
{
  g_autoptr(PbConnection) a = parse_one ("{\"name\": \"a\", \"modifiedByUserRef\": \"u-1\"}");
  g_autoptr(PbConnection) b = parse_one ("{\"name\": \"a\", \"modifiedByUserRef\": \"u-1\","
                                         " \"modifiedByRef\": \"u-2\"}");
  g_autoptr(PbConnection) c = parse_one ("{\"name\": \"a\", \"modifiedByRef\": null,"
                                         " \"modifiedByUserRef\": \"u-3\"}");

  g_assert_cmpstr (pb_connection_get_modified_by_ref (a), ==, "u-1");
  g_assert_cmpstr (pb_connection_get_modified_by_ref (b), ==, "u-2");
  g_assert_cmpstr (pb_connection_get_modified_by_ref (c), ==, "u-3");
}

static void
test_missing_and_null (void)
{
  const char *inputs[] = {
    "{\"name\": \"Only a name\"}",
    "{\"name\": \"Only a name\", \"ref\": null, \"href\": null, \"clientKey\": null,"
    " \"description\": null, \"modifiedByRef\": null, \"modifiedAt\": null, \"revision\": null,"
    " \"archived\": null, \"systemType\": null, \"auth\": null, \"request\": null,"
    " \"customHeaders\": null, \"urlParameters\": null, \"inputMappings\": null,"
    " \"outputMappings\": null, \"exampleValue\": null, \"connectionTimeout\": null,"
    " \"socketTimeout\": null, \"icon\": null}",
    "{\"name\": \"Only a name\", \"auth\": {\"authType\": null, \"clientId\": null,"
    " \"accessTokenUrl\": null, \"useMutualTls\": null, \"oauthCustomHeaders\": null,"
    " \"formUrlEncodedItems\": null}, \"request\": {\"requestType\": null,"
    " \"connectionUrl\": null, \"requestBody\": null}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(PbConnection) c = parse_one (inputs[i]);

      g_assert_cmpstr (pb_connection_get_name (c), ==, "Only a name");
      g_assert_null (pb_connection_get_ref (c));
      g_assert_null (pb_connection_get_href (c));
      g_assert_null (pb_connection_get_client_key (c));
      g_assert_null (pb_connection_get_description (c));
      g_assert_null (pb_connection_get_modified_by_ref (c));
      g_assert_null (pb_connection_get_modified_at_text (c));
      g_assert_null (pb_connection_get_modified_at (c));
      g_assert_cmpint (pb_connection_get_revision (c), ==, -1);
      g_assert_false (pb_connection_get_archived (c));
      g_assert_null (pb_connection_get_system_type (c));
      g_assert_cmpint (pb_connection_get_system_kind (c), ==, PB_SYSTEM_KIND_OTHER);
      g_assert_null (pb_connection_get_auth_type (c));
      g_assert_cmpint (pb_connection_get_auth_kind (c), ==, PB_AUTH_KIND_OTHER);
      g_assert_null (pb_connection_get_auth_client_id (c));
      g_assert_null (pb_connection_get_auth_access_token_url (c));
      g_assert_false (pb_connection_get_auth_use_mutual_tls (c));
      g_assert_null (pb_connection_get_request_type (c));
      g_assert_null (pb_connection_get_connection_url (c));
      g_assert_null (pb_connection_get_request_body (c));
      g_assert_null (pb_connection_get_example_value (c));
      g_assert_cmpint (pb_connection_get_connection_timeout (c), ==, -1);
      g_assert_cmpint (pb_connection_get_socket_timeout (c), ==, -1);
      g_assert_null (pb_connection_get_icon (c));
      g_assert_cmpuint (n_items (pb_connection_get_custom_headers (c)), ==, 0);
      g_assert_cmpuint (n_items (pb_connection_get_url_parameters (c)), ==, 0);
      g_assert_cmpuint (n_items (pb_connection_get_input_mappings (c)), ==, 0);
      g_assert_cmpuint (n_items (pb_connection_get_output_mappings (c)), ==, 0);
      g_assert_cmpuint (n_items (pb_connection_get_oauth_custom_headers (c)), ==, 0);
      g_assert_cmpuint (n_items (pb_connection_get_form_url_encoded_items (c)), ==, 0);
      /* Asked twice, the same model. */
      g_assert_true (pb_connection_get_custom_headers (c) == pb_connection_get_custom_headers (c));
    }

  /* Empty strings are values, not "missing". */
  {
    g_autoptr(PbConnection) c = parse_one ("{\"name\": \"\", \"href\": \"\", \"clientKey\": \"\"}");

    g_assert_cmpstr (pb_connection_get_name (c), ==, "");
    g_assert_cmpstr (pb_connection_get_href (c), ==, "");
    g_assert_cmpstr (pb_connection_get_client_key (c), ==, "");
  }
}

static void
test_numbers (void)
{
  g_autoptr(PbConnection) a = parse_one ("{\"name\": \"a\", \"revision\": 9223372036854775807,"
                                         " \"connectionTimeout\": 5.0,"
                                         " \"socketTimeout\": -9223372036854775808}");
  g_autoptr(PbConnection) b = parse_one ("{\"name\": \"a\", \"revision\": 1e3,"
                                         " \"connectionTimeout\": -0, \"socketTimeout\": 2.5E1}");
  g_autoptr(PbConnection) c = parse_one ("{\"name\": \"a\", \"revision\": 4294967296,"
                                         " \"connectionTimeout\": 1.0e2,"
                                         " \"socketTimeout\": 10000.000}");

  g_assert_cmpint (pb_connection_get_revision (a), ==, G_MAXINT64);
  g_assert_cmpint (pb_connection_get_connection_timeout (a), ==, 5);
  g_assert_cmpint (pb_connection_get_socket_timeout (a), ==, G_MININT64);
  g_assert_cmpint (pb_connection_get_revision (b), ==, 1000);
  g_assert_cmpint (pb_connection_get_connection_timeout (b), ==, 0);
  g_assert_cmpint (pb_connection_get_socket_timeout (b), ==, 25);
  g_assert_cmpint (pb_connection_get_revision (c), ==, G_GINT64_CONSTANT (4294967296));
  g_assert_cmpint (pb_connection_get_connection_timeout (c), ==, 100);
  g_assert_cmpint (pb_connection_get_socket_timeout (c), ==, 10000);
  /* The text keeps the numbers as they came. */
  g_assert_nonnull (strstr (pb_connection_get_json (a), "\"connectionTimeout\":5.0"));
}

static void
test_text (void)
{
  g_autoptr(PbConnection) c =
    parse_one ("{\"name\": \"Wetterdaten – Zürich 東京 😀\","
               " \"description\": \"\\u00fcber \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\","
               " \"icon\": \"nul\\u0000byte\", \"href\": \"\\u6771\\u4EAC\"}");
  g_autoptr(PbConnection) lone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (pb_connection_get_name (c), ==, "Wetterdaten – Zürich 東京 😀");
  g_assert_cmpstr (pb_connection_get_description (c), ==, "über 😀 \"q\" \\ / \b\f\n\r\t");
  /* The one rule of pb-json.h: U+0000 becomes a space, a lone surrogate is not JSON. */
  g_assert_cmpstr (pb_connection_get_icon (c), ==, "nul byte");
  g_assert_cmpstr (pb_connection_get_href (c), ==, "東京");
  g_assert_true (g_utf8_validate (pb_connection_get_json (c), -1, NULL));

  lone = pb_connection_new_from_data ("{\"name\": \"a\", \"exampleValue\": \"lone \\ud800.\"}", -1,
                                      &error);
  g_assert_null (lone);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
}

static void
test_kinds (void)
{
  static const struct
  {
    const char   *system_type;
    PbSystemKind  system_kind;
    const char   *auth_type;
    PbAuthKind    auth_kind;
  } cases[] = {
    { "DATA_SYSTEM", PB_SYSTEM_KIND_DATA_SYSTEM, "NONE", PB_AUTH_KIND_NONE },
    { "data_system", PB_SYSTEM_KIND_DATA_SYSTEM, "none", PB_AUTH_KIND_NONE },
    { "Destination", PB_SYSTEM_KIND_DESTINATION, "oauth", PB_AUTH_KIND_OAUTH },
    { "DESTINATION", PB_SYSTEM_KIND_DESTINATION, "OAuth", PB_AUTH_KIND_OAUTH },
    { "WEBHOOK", PB_SYSTEM_KIND_OTHER, "BASIC", PB_AUTH_KIND_OTHER },
    { "", PB_SYSTEM_KIND_OTHER, "", PB_AUTH_KIND_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text =
        g_strdup_printf ("{\"name\": \"a\", \"systemType\": \"%s\","
                         " \"auth\": {\"authType\": \"%s\", \"futureField\": [1]}}",
                         cases[i].system_type, cases[i].auth_type);
      g_autoptr(PbConnection) c = parse_one (text);

      g_assert_cmpstr (pb_connection_get_system_type (c), ==, cases[i].system_type);
      g_assert_cmpint (pb_connection_get_system_kind (c), ==, cases[i].system_kind);
      g_assert_cmpstr (pb_connection_get_auth_type (c), ==, cases[i].auth_type);
      g_assert_cmpint (pb_connection_get_auth_kind (c), ==, cases[i].auth_kind);
    }
}

static void
test_mapping_types (void)
{
  g_autoptr(PbConnection) c =
    parse_one ("{\"name\": \"a\", \"outputMappings\": ["
               "{\"label\": \"A\", \"outputReference\": \"a\", \"type\": \"Object\"},"
               "{\"label\": \"B\", \"outputReference\": \"b\", \"type\": \"STRING\", \"x\": 1},"
               "{\"label\": \"C\"}],"
               " \"inputMappings\": [{\"label\": \"I\", \"key\": \"i\", \"type\": \"String\","
               " \"exampleValue\": \"{\\\"a\\\": 1}\", \"mapping\": \"$.x\", \"extra\": {}}]}");
  GListModel *outputs = pb_connection_get_output_mappings (c);
  GListModel *inputs = pb_connection_get_input_mappings (c);
  g_autoptr(PbOutputMapping) a = g_list_model_get_item (outputs, 0);
  g_autoptr(PbOutputMapping) b = g_list_model_get_item (outputs, 1);
  g_autoptr(PbOutputMapping) m = g_list_model_get_item (outputs, 2);
  g_autoptr(PbInputMapping) i = g_list_model_get_item (inputs, 0);

  g_assert_cmpstr (pb_output_mapping_get_value_type (a), ==, "Object");
  g_assert_cmpstr (pb_output_mapping_get_value_type (b), ==, "STRING");
  g_assert_cmpstr (pb_output_mapping_get_label (m), ==, "C");
  g_assert_null (pb_output_mapping_get_output_reference (m));
  g_assert_null (pb_output_mapping_get_value_type (m));
  g_assert_cmpstr (pb_input_mapping_get_value_type (i), ==, "String");
  g_assert_cmpstr (pb_input_mapping_get_example_value (i), ==, "{\"a\": 1}");
  g_assert_cmpstr (pb_input_mapping_get_mapping (i), ==, "$.x");
}

static void
test_url_parameters (void)
{
  g_autoptr(PbConnection) c =
    parse_one ("{\"name\": \"a\", \"urlParameters\": ["
               "{\"name\": \"q\", \"value\": \"x y\"},"
               "{\"name\": \"n\", \"value\": 5},"
               "{\"name\": \"o\", \"value\": {\"x\": [1, 2.0, true, null]}},"
               "{\"name\": \"only\"},"
               "{\"name\": \"nul\", \"value\": null},"
               "\"plain\","
               "42,"
               "{\"key\": \"k\", \"val\": \"v\"},"
               "{\"name\": 7, \"value\": \"v\"},"
               "null,"
               "[1, {\"a\" : \"b\"}]"
               "]}");
  static const struct
  {
    const char *name;
    const char *value;
  } expected[] = {
    { "q", "x y" },
    { "n", "5" },
    { "o", "{\"x\":[1,2.0,true,null]}" },
    { "only", NULL },
    { "nul", NULL },
    { NULL, "\"plain\"" },
    { NULL, "42" },
    { NULL, "{\"key\":\"k\",\"val\":\"v\"}" },
    { NULL, "{\"name\":7,\"value\":\"v\"}" },
    { NULL, "null" },
    { NULL, "[1,{\"a\":\"b\"}]" },
  };
  GListModel *model = pb_connection_get_url_parameters (c);

  g_assert_cmpuint (n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PbNameValue *row = name_value_at (model, i);

      g_assert_cmpstr (pb_name_value_get_name (row), ==, expected[i].name);
      g_assert_cmpstr (pb_name_value_get_value (row), ==, expected[i].value);
    }
}

static void
test_bom_and_list_extras (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) c = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) empty = NULL;

  c = pb_connection_new_from_data ("\xef\xbb\xbf{\"name\": \"bom\"}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_name (c), ==, "bom");
  g_assert_cmpstr (pb_connection_get_json (c), ==, "{\"name\":\"bom\"}");

  list = pb_connection_parse_list ("\xef\xbb\xbf {\"href\": \"h\", \"offset\": 100, \"limit\": 100,"
                                   " \"items\": [{\"name\": \"a\", \"ref\": \"1\"},"
                                   " {\"name\": \"b\", \"ref\": \"2\"}], \"total\": {\"x\": 1}}",
                                   -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (pb_connection_get_name (list->pdata[1]), ==, "b");
  g_assert_cmpstr (pb_connection_get_json (list->pdata[1]), ==, "{\"name\":\"b\",\"ref\":\"2\"}");

  empty = pb_connection_parse_list ("{\"items\": []}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_duplicate_members (void)
{
  /* As json-glib does: the last one wins. */
  g_autoptr(PbConnection) c =
    parse_one ("{\"name\": \"first\", \"name\": \"second\", \"revision\": 1, \"revision\": null,"
               " \"customHeaders\": [{\"name\": \"A\"}], \"customHeaders\": [],"
               " \"auth\": {\"authType\": \"OAUTH\"}, \"auth\": {\"clientId\": \"c\"}}");

  g_assert_cmpstr (pb_connection_get_name (c), ==, "second");
  g_assert_cmpint (pb_connection_get_revision (c), ==, -1);
  g_assert_cmpuint (n_items (pb_connection_get_custom_headers (c)), ==, 0);
  g_assert_cmpstr (pb_connection_get_auth_type (c), ==, "OAUTH");
  g_assert_cmpstr (pb_connection_get_auth_client_id (c), ==, "c");

  /* Tables too, wherever they are. */
  {
    g_autoptr(PbConnection) d =
      parse_one ("{\"name\": \"a\", \"auth\": {\"oauthCustomHeaders\": [{\"name\": \"X\"}]},"
                 " \"auth\": null, \"outputMappings\": [{\"label\": \"1\"}],"
                 " \"outputMappings\": [{\"label\": \"2\"}, {\"label\": \"3\"}],"
                 " \"inputMappings\": [{\"label\": \"1\"}], \"inputMappings\": null,"
                 " \"customHeaders\": [{\"name\": \"A\"}, {\"name\": \"B\"}],"
                 " \"auth\": {\"formUrlEncodedItems\": [{\"name\": \"f\"}],"
                 " \"formUrlEncodedItems\": [{\"name\": \"g\", \"value\": \"h\"}]}}");
    g_autoptr(PbOutputMapping) second = NULL;

    g_assert_cmpuint (n_items (pb_connection_get_oauth_custom_headers (d)), ==, 0);
    g_assert_cmpuint (n_items (pb_connection_get_output_mappings (d)), ==, 2);
    second = g_list_model_get_item (pb_connection_get_output_mappings (d), 1);
    g_assert_cmpstr (pb_output_mapping_get_label (second), ==, "3");
    g_assert_cmpuint (n_items (pb_connection_get_input_mappings (d)), ==, 0);
    g_assert_cmpuint (n_items (pb_connection_get_custom_headers (d)), ==, 2);
    g_assert_cmpuint (n_items (pb_connection_get_form_url_encoded_items (d)), ==, 1);
    g_assert_cmpstr (pb_name_value_get_value (name_value_at (
                       pb_connection_get_form_url_encoded_items (d), 0)), ==, "h");
  }
}

static void
test_modified_at (void)
{
  g_autoptr(PbConnection) bad = parse_one ("{\"name\": \"a\", \"modifiedAt\": \"yesterday\"}");
  g_autoptr(PbConnection) empty = parse_one ("{\"name\": \"a\", \"modifiedAt\": \"\"}");
  g_autoptr(PbConnection) no_zone =
    parse_one ("{\"name\": \"a\", \"modifiedAt\": \"2025-07-02T14:04:58\"}");
  g_autoptr(PbConnection) offset =
    parse_one ("{\"name\": \"a\", \"modifiedAt\": \"2025-07-02T16:04:58.5+02:00\"}");

  g_assert_null (pb_connection_get_modified_at (bad));
  g_assert_cmpstr (pb_connection_get_modified_at_text (bad), ==, "yesterday");
  g_assert_null (pb_connection_get_modified_at (empty));
  g_assert_cmpstr (pb_connection_get_modified_at_text (empty), ==, "");
  /* The API speaks UTC. */
  g_assert_cmpint (g_date_time_to_unix (pb_connection_get_modified_at (no_zone)), ==, 1751465098);
  g_assert_cmpint (g_date_time_to_unix (pb_connection_get_modified_at (offset)), ==, 1751465098);
  g_assert_cmpint (g_date_time_get_microsecond (pb_connection_get_modified_at (offset)), ==,
                   500000);
}

static GString *
nested (guint       levels,
        const char *prefix,
        const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < levels; i++)
    g_string_append (s, i % 2 ? "[" : "{\"k\":");
  g_string_append (s, "1");
  for (guint i = levels; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "]" : "}");
  g_string_append (s, suffix);
  return s;
}

static void
test_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ok = NULL;
  g_autoptr(GString) deep = NULL;
  g_autoptr(GString) very_deep = NULL;
  g_autoptr(GString) brackets = g_string_new (NULL);
  g_autoptr(PbConnection) c = NULL;
  g_autoptr(GPtrArray) list = NULL;

  /* The document itself is the first level. */
  ok = nested (PB_JSON_MAX_DEPTH - 1, "{\"name\": \"a\", \"x\": ", "}");
  c = pb_connection_new_from_data (ok->str, ok->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_name (c), ==, "a");

  deep = nested (PB_JSON_MAX_DEPTH, "{\"name\": \"a\", \"x\": ", "}");
  g_clear_object (&c);
  c = pb_connection_new_from_data (deep->str, deep->len, &error);
  g_assert_null (c);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "The data is nested too deeply (more than 512 levels).");
  g_clear_error (&error);

  very_deep = nested (10000, "{\"items\": [{\"name\": \"a\", \"x\": ", "}]}");
  list = pb_connection_parse_list (very_deep->str, very_deep->len, &error);
  g_assert_null (list);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
  g_clear_error (&error);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (brackets, '[');
  list = pb_connection_parse_list (brackets->str, brackets->len, &error);
  g_assert_null (list);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
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
      gsize length;
      g_autofree char *text = load_fixture (names[f], &length);

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
/* The reader's short cuts                                                                    */

/* Accepts `seq` in a name exactly when GLib calls it valid UTF-8, near the end of the text
 * (read a byte at a time) and followed by more text (read eight bytes at a time). */
static void
check_utf8_sequence (const guchar *seq,
                     gsize         len)
{
  gboolean valid = g_utf8_validate ((const char *)seq, len, NULL);

  for (guint where = 0; where < 2; where++)
    {
      g_autoptr(GString) text = g_string_new ("{\"name\":\"abcdefgh");
      g_autoptr(GError) error = NULL;
      g_autoptr(PbConnection) c = NULL;

      g_string_append_len (text, (const char *)seq, len);
      if (where == 1)
        g_string_append (text, "ijklmnopqrstuvwx");
      g_string_append (text, "\"}");
      c = pb_connection_new_from_data (text->str, text->len, &error);

      if (valid)
        {
          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (pb_connection_get_name (c), "abcdefgh"));
          g_assert_cmpmem (pb_connection_get_name (c) + 8, len, seq, len);
        }
      else
        {
          /* The sequences hold no quote, backslash or control character: the first byte
           * that is wrong is one of UTF-8. */
          g_assert_null (c);
          g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
          g_assert_cmpstr (error->message, ==, "The data is not valid UTF-8 text.");
        }
    }
}

static void
test_utf8 (void)
{
  static const guchar edges[] = {
    0x00, 0x20, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0,
    0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
  };
  guchar seq[4];

  /* Every pair of bytes from a byte >= 0x80 on. */
  for (guint a = 0x80; a < 0x100; a++)
    for (guint b = 0; b < 0x100; b++)
      {
        if (b == '"' || b == '\\' || b < 0x20)
          continue;
        seq[0] = a;
        seq[1] = b;
        check_utf8_sequence (seq, 2);
      }

  /* Three and four bytes: every lead byte with the edges of the ranges after it. */
  for (guint a = 0xc0; a < 0x100; a++)
    for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
      for (guint j = 0; j < G_N_ELEMENTS (edges); j++)
        {
          if (edges[i] < 0x20 || edges[j] < 0x20)
            continue;
          seq[0] = a;
          seq[1] = edges[i];
          seq[2] = edges[j];
          check_utf8_sequence (seq, 3);
          for (guint k = 0; k < G_N_ELEMENTS (edges); k++)
            {
              if (edges[k] < 0x20)
                continue;
              seq[3] = edges[k];
              check_utf8_sequence (seq, 4);
            }
        }

  /* The message names the encoding. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbConnection) c = pb_connection_new_from_data ("{\"name\":\"abcdefghij\xed\xa0\x80"
                                                             "klmnopqrstuvwxyz\"}", -1, &error);

    g_assert_null (c);
    g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "The data is not valid UTF-8 text.");
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
  g_autofree char *text = load_fixture ("connection-destination.json", NULL);
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
  g_autofree char *text = load_fixture ("list-connections.json", NULL);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection/fixture/list", test_fixture_list);
  g_test_add_func ("/connection/fixture/destination", test_fixture_destination);
  g_test_add_func ("/connection/fixture/create-response", test_fixture_create_response);
  g_test_add_func ("/connection/fixture/create-request", test_fixture_create_request);
  g_test_add_func ("/connection/fixture/test-request", test_fixture_test_request);
  g_test_add_func ("/connection/json-round-trip", test_json_round_trip);
  g_test_add_func ("/connection/properties", test_properties);
  g_test_add_func ("/connection/malformed", test_malformed);
  g_test_add_func ("/connection/error-has-no-input", test_error_has_no_input);
  g_test_add_func ("/connection/modified-by", test_modified_by);
  g_test_add_func ("/connection/missing-and-null", test_missing_and_null);
  g_test_add_func ("/connection/numbers", test_numbers);
  g_test_add_func ("/connection/text", test_text);
  g_test_add_func ("/connection/kinds", test_kinds);
  g_test_add_func ("/connection/mapping-types", test_mapping_types);
  g_test_add_func ("/connection/url-parameters", test_url_parameters);
  g_test_add_func ("/connection/bom-and-list-extras", test_bom_and_list_extras);
  g_test_add_func ("/connection/duplicate-members", test_duplicate_members);
  g_test_add_func ("/connection/modified-at", test_modified_at);
  g_test_add_func ("/connection/deep-nesting", test_deep_nesting);
  g_test_add_func ("/connection/fuzz", test_fuzz);
  g_test_add_func ("/connection/utf8", test_utf8);
  g_test_add_func ("/connection/spacing", test_spacing);
  g_test_add_func ("/connection/update-from", test_update_from);
  g_test_add_func ("/connection/threads", test_threads);
  g_test_add_func ("/connection/shared-strings", test_shared_strings);
  g_test_add_func ("/connection/ref-in-href", test_ref_in_href);
  g_test_add_func ("/connection/lifetime", test_lifetime);

  return g_test_run ();
}
