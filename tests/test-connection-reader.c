/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-reader"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-connection-private.h"
#include "test-connection-util.h"

/* pb-connection-reader.h: the API's documents into connections, and what it refuses, and how. */

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
  LIST ("{\"items\": [{\"name\": \"a\"}, {\"ref\": \"b\", \"name\": [\"b\"]}]}", STRUCTURE,
        "items[1].name: expected a string"),
  /* The structure of a connection */
  ONE ("{\"name\": 5}", STRUCTURE, "name: expected a string"),
  ONE ("{}", STRUCTURE, "name: missing"),
  ONE ("{\"name\": null}", STRUCTURE, "name: missing"),
  ONE ("\"just text\"", STRUCTURE, "document: expected an object"),
  ONE ("[{\"name\": \"a\"}]", STRUCTURE, "document: expected an object"),
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
    "{\"name\": {\"s3cr3t-value\": 1}, \"auth\": {\"authType\": {\"s3cr3t-value\": 1}}}",
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
  /* Negative numbers are no revision or time: not set, and listed. */
  g_assert_cmpint (pb_connection_get_socket_timeout (a), ==, -1);
  g_assert_cmpstr (pb_connection_get_unreadable_fields (a)[0], ==, "socketTimeout");
  g_assert_null (pb_connection_get_unreadable_fields (a)[1]);
  g_assert_false (pb_connection_has_unreadable_fields (b));
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
  /* The one rule of pb-json.h: U+0000 becomes a space, a lone surrogate U+FFFD. */
  g_assert_cmpstr (pb_connection_get_icon (c), ==, "nul byte");
  g_assert_cmpstr (pb_connection_get_href (c), ==, "東京");
  g_assert_true (g_utf8_validate (pb_connection_get_json (c), -1, NULL));

  lone = pb_connection_new_from_data ("{\"name\": \"a\", \"exampleValue\": \"lone \\ud800.\"}", -1,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_example_value (lone), ==, "lone \xef\xbf\xbd.");
  g_assert_cmpstr (pb_connection_get_json (lone), ==,
                   "{\"name\":\"a\",\"exampleValue\":\"lone \\ufffd.\"}");
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

int
main (int   argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection-reader/fixture/list", test_fixture_list);
  g_test_add_func ("/connection-reader/fixture/destination", test_fixture_destination);
  g_test_add_func ("/connection-reader/fixture/create-response", test_fixture_create_response);
  g_test_add_func ("/connection-reader/fixture/create-request", test_fixture_create_request);
  g_test_add_func ("/connection-reader/fixture/test-request", test_fixture_test_request);
  g_test_add_func ("/connection-reader/malformed", test_malformed);
  g_test_add_func ("/connection-reader/error-has-no-input", test_error_has_no_input);
  g_test_add_func ("/connection-reader/modified-by", test_modified_by);
  g_test_add_func ("/connection-reader/missing-and-null", test_missing_and_null);
  g_test_add_func ("/connection-reader/numbers", test_numbers);
  g_test_add_func ("/connection-reader/text", test_text);
  g_test_add_func ("/connection-reader/kinds", test_kinds);
  g_test_add_func ("/connection-reader/mapping-types", test_mapping_types);
  g_test_add_func ("/connection-reader/url-parameters", test_url_parameters);
  g_test_add_func ("/connection-reader/bom-and-list-extras", test_bom_and_list_extras);
  g_test_add_func ("/connection-reader/duplicate-members", test_duplicate_members);
  g_test_add_func ("/connection-reader/modified-at", test_modified_at);

  return g_test_run ();
}
