/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-outbound-request"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-connection-reader.h"
#include "pb-export.h"
#include "pb-name-value.h"
#include "pb-outbound-request.h"
#include "pb-secret.h"
#include "pb-test-util.h"

/* A destination with secrets in every place a placeholder can be, and members nobody knows. */
static const char secret_destination[] =
  "{\"ref\": \"r-1\", \"name\": \"SMS\", \"systemType\": \"DESTINATION\","
  " \"zzUnknown\": {\"kept\": [1, 2.50, \"${key}\"]},"
  " \"auth\": {\"authType\": \"NONE\", \"zzAuth\": true},"
  " \"request\": {\"requestType\": \"POST\","
  "   \"connectionUrl\": \"https://sms.example.com/send?api_key=${apiKey}&to=${phone}\","
  "   \"requestBody\": \"{\\\"password\\\": \\\"${pw}\\\", \\\"text\\\": \\\"${text}\\\","
  " \\\"count\\\": ${count}}\","
  "   \"zzRequest\": \"${text}\"},"
  " \"customHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer ${token}\"},"
  "                     {\"name\": \"X-City\", \"value\": \"${city}\", \"zz\": 1}],"
  " \"urlParameters\": [{\"name\": \"sig\", \"value\": \"${sig}\"},"
  "                     {\"name\": \"lang\", \"value\": \"${lang}\"}],"
  " \"inputMappings\": ["
  "   {\"label\": \"Phone\", \"key\": \"phone\", \"type\": \"string\","
  "    \"exampleValue\": \"+44 20 7946 0000\", \"mapping\": \"\"},"
  "   {\"label\": \"Text\", \"key\": \"text\", \"type\": \"string\","
  "    \"exampleValue\": \"Hello \\\"you\\\"\", \"mapping\": \"\"},"
  "   {\"label\": \"Again\", \"key\": \"text\", \"type\": \"string\","
  "    \"exampleValue\": \"second\", \"mapping\": \"\"},"
  "   {\"label\": \"None\", \"key\": \"none\", \"type\": \"string\","
  "    \"exampleValue\": \"\", \"mapping\": \"\"}]}";

static PbConnection *
connection_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connection);

  return connection;
}

static GHashTable *
values_new (const char *first_name,
            ...)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (values, g_strdup (name), g_strdup (va_arg (args, const char *)));
  va_end (args);

  return values;
}

static GHashTable *
secret_values (void)
{
  return values_new ("apiKey", "AK-SECRET-1", "phone", "+44 20", "pw", "PW-SECRET-2",
                     "text", "Hi \"there\"\n", "count", "3", "token", "TK-SECRET-3",
                     "city", "Köln\r\nX-Evil: 1", "sig", "SG-SECRET-4", "lang", "de&fr",
                     NULL);
}

static void
test_fill_modes (void)
{
  g_autoptr(GHashTable) values = values_new ("a", "x y\"#é", "b", "{\"n\": 1}", NULL);
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *json = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *form = NULL;
  g_autofree char *same = NULL;

  /* Text as it is, but for line breaks; an unknown placeholder stays. */
  text = pb_placeholders_fill ("${a}-${b}-${c}-$a-${}", values, PB_FILL_TEXT);
  g_assert_cmpstr (text, ==, "x y\"#é-{\"n\": 1}-${c}-$a-${}");

  /* A URL only gets what may stand in one. */
  url = pb_placeholders_fill ("https://h/${a}?q=${b}&z=${c}", values, PB_FILL_URL);
  g_assert_cmpstr (url, ==, "https://h/x%20y%22%23%C3%A9?q=%7B%22n%22:%201%7D&z=${c}");

  /* In JSON, a value inside a string is string content; one where a value belongs, as is. */
  json = pb_placeholders_fill ("{\"s\": \"<${a}>\", \"o\": ${b}, \"e\": \"\\\"${a}\"}", values,
                               PB_FILL_BODY);
  g_assert_cmpstr (json, ==,
                   "{\"s\": \"<x y\\\"#é>\", \"o\": {\"n\": 1}, \"e\": \"\\\"x y\\\"#é\"}");
  g_assert_true (pb_json_text_check (json, strlen (json), PB_JSON_CHECK_DEFAULT, NULL));

  /* A body that is not JSON takes the values as they are. */
  form = pb_placeholders_fill ("to=\"${a}\"&n=${b}", values, PB_FILL_BODY);
  g_assert_cmpstr (form, ==, "to=\"x y\"#é\"&n={\"n\": 1}");
  raw = pb_placeholders_fill ("<p a=\"${a}\">", values, PB_FILL_BODY);
  g_assert_cmpstr (raw, ==, "<p a=\"x y\"#é\">");

  /* Without a table, nothing changes. */
  same = pb_placeholders_fill ("${a}", NULL, PB_FILL_BODY);
  g_assert_cmpstr (same, ==, "${a}");
  g_assert_null (pb_placeholders_fill (NULL, values, PB_FILL_TEXT));
}

static void
test_example_values (void)
{
  g_autofree char *json = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(PbConnection) connection = connection_from (json);
  g_autoptr(PbConnection) secret = connection_from (secret_destination);
  g_autoptr(GHashTable) values = pb_connection_dup_example_values (connection);
  g_autoptr(GHashTable) secret_examples = pb_connection_dup_example_values (secret);
  g_auto(GStrv) names = pb_connection_dup_placeholders (connection);
  g_auto(GStrv) secret_names = pb_connection_dup_placeholders (secret);
  const char *const expected[] = {
    "apiKey", "phone", "sig", "lang", "token", "city", "pw", "text", "count", NULL,
  };

  g_assert_cmpuint (g_hash_table_size (values), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (values, "key"), ==, "RkeVXoh0NB5K8nGUH-Ew7w");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (values, "message"), "{\"text\":"));
  g_assert_cmpstrv (names, ((const char *const[]) { "key", "message", NULL }));

  /* The first mapping of a key wins; an empty example is no value. */
  g_assert_cmpuint (g_hash_table_size (secret_examples), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (secret_examples, "text"), ==, "Hello \"you\"");
  g_assert_false (g_hash_table_contains (secret_examples, "none"));
  /* URL, URL parameters, headers, body; each once. */
  g_assert_cmpstrv (secret_names, expected);
}

static void
test_has_effects (void)
{
  g_autofree char *json = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(PbConnection) destination = connection_from (json);
  g_autoptr(PbConnection) get = connection_from (
    "{\"name\": \"n\", \"systemType\": \"DATA_SYSTEM\", \"request\": {\"requestType\": \"GET\"}}");
  g_autoptr(PbConnection) none = connection_from (
    "{\"name\": \"n\", \"systemType\": \"DATA_SYSTEM\"}");
  g_autoptr(PbConnection) put = connection_from (
    "{\"name\": \"n\", \"systemType\": \"DATA_SYSTEM\", \"request\": {\"requestType\": \"put\"}}");
  g_autoptr(PbConnection) get_destination = connection_from (
    "{\"name\": \"n\", \"systemType\": \"DESTINATION\", \"request\": {\"requestType\": \"GET\"}}");

  g_assert_true (pb_connection_test_has_effects (destination));
  g_assert_true (pb_connection_test_has_effects (get_destination));
  g_assert_true (pb_connection_test_has_effects (put));
  g_assert_false (pb_connection_test_has_effects (get));
  g_assert_false (pb_connection_test_has_effects (none));
}

static const char *
header_value (PbOutboundRequest *request,
              const char        *name)
{
  for (guint i = 0; i < request->headers->len; i++)
    if (g_strcmp0 (pb_name_value_get_name (g_ptr_array_index (request->headers, i)), name) == 0)
      return pb_name_value_get_value (g_ptr_array_index (request->headers, i));

  return NULL;
}

static void
assert_no_secret_values (const char *text)
{
  const char *const secrets[] = { "AK-SECRET-1", "PW-SECRET-2", "TK-SECRET-3", "SG-SECRET-4" };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (text != NULL && strstr (text, secrets[i]) != NULL)
      g_error ("%s shows %s", text, secrets[i]);
}

static void
test_request_masked (void)
{
  g_autoptr(PbConnection) connection = connection_from (secret_destination);
  g_autoptr(GHashTable) values = secret_values ();
  g_autoptr(PbOutboundRequest) masked = pb_outbound_request_new (connection, values, FALSE);
  g_autoptr(PbOutboundRequest) shown = pb_outbound_request_new (connection, values, TRUE);
  g_autoptr(PbOutboundRequest) template = pb_outbound_request_new (connection, NULL, TRUE);
  g_autofree char *curl = pb_connection_to_curl_with_values (connection, values, FALSE);
  g_autofree char *curl_shown = pb_connection_to_curl_with_values (connection, values, TRUE);
  g_autofree char *curl_plain = pb_connection_to_curl (connection, FALSE);
  g_autofree char *curl_null = pb_connection_to_curl_with_values (connection, NULL, FALSE);

  /* Filled first, then masked by the one rule: whatever a secret placeholder was given. */
  g_assert_cmpstr (masked->method, ==, "POST");
  g_assert_cmpstr (masked->url, ==, "https://sms.example.com/send?api_key=" PB_SECRET_MASK
                   "&to=+44%2020&sig=" PB_SECRET_MASK "&lang=de%26fr");
  g_assert_cmpuint (masked->headers->len, ==, 2);
  g_assert_cmpstr (header_value (masked, "Authorization"), ==, "Bearer " PB_SECRET_MASK);
  g_assert_cmpstr (header_value (masked, "X-City"), ==, "Köln  X-Evil: 1");
  g_assert_cmpstr (masked->body, ==, "{\"password\": \"" PB_SECRET_MASK "\", "
                   "\"text\": \"Hi \\\"there\\\"\\n\", \"count\": 3}");
  assert_no_secret_values (masked->url);
  assert_no_secret_values (masked->body);
  assert_no_secret_values (curl);

  /* Include Secrets shows what is sent. */
  g_assert_cmpstr (shown->url, ==, "https://sms.example.com/send?api_key=AK-SECRET-1"
                   "&to=+44%2020&sig=SG-SECRET-4&lang=de%26fr");
  g_assert_cmpstr (header_value (shown, "Authorization"), ==, "Bearer TK-SECRET-3");
  g_assert_nonnull (strstr (shown->body, "PW-SECRET-2"));
  g_assert_nonnull (strstr (curl_shown, "-H 'Authorization: Bearer TK-SECRET-3'"));
  g_assert_nonnull (strstr (curl_shown, "--data-raw '{\"password\": \"PW-SECRET-2\""));

  /* Without values, the placeholders stay, as in Copy as cURL. */
  g_assert_cmpstr (template->url, ==, "https://sms.example.com/send?api_key=${apiKey}"
                   "&to=${phone}&sig=${sig}&lang=${lang}");
  g_assert_cmpstr (header_value (template, "X-City"), ==, "${city}");
  g_assert_cmpstr (curl_null, ==, curl_plain);
  g_assert_cmpstr (curl, !=, curl_plain);
  g_assert_nonnull (strstr (curl, "-H 'X-City: Köln  X-Evil: 1'"));
}

/* The connection a test call sends, as a tree. */
static JsonObject *
sent_connection (JsonParser *parser,
                 const char *body)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 1);

  return json_object_get_object_member (root, "connection");
}

static void
test_test_body (void)
{
  g_autoptr(PbConnection) connection = connection_from (secret_destination);
  g_autoptr(GHashTable) values = secret_values ();
  g_autoptr(PbOutboundRequest) shown = pb_outbound_request_new (connection, values, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *unfilled = pb_connection_dup_test_body (connection, NULL);
  g_autofree char *as_received = g_strconcat ("{\"connection\":",
                                             pb_connection_get_json (connection), "}", NULL);
  g_autofree char *body = pb_connection_dup_test_body (connection, values);
  JsonObject *sent;
  JsonObject *request;
  JsonArray *headers;

  /* Without values, the object exactly as received. */
  g_assert_cmpstr (unfilled, ==, as_received);

  /* The body sent is exactly what the preview shows with Include Secrets. */
  sent = sent_connection (parser, body);
  request = json_object_get_object_member (sent, "request");
  g_assert_cmpstr (json_object_get_string_member (request, "requestBody"), ==, shown->body);
  g_assert_cmpstr (json_object_get_string_member (request, "connectionUrl"), ==,
                   "https://sms.example.com/send?api_key=AK-SECRET-1&to=+44%2020");
  headers = json_object_get_array_member (sent, "customHeaders");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (headers, 0),
                                                  "value"), ==, "Bearer TK-SECRET-3");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (headers, 1),
                                                  "value"), ==, "Köln  X-Evil: 1");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (sent, "urlParameters"), 1), "value"),
                   ==, "de&fr");

  /* Members nobody knows travel unchanged, placeholders and all. */
  g_assert_nonnull (strstr (body, "\"zzUnknown\":{\"kept\":[1,2.50,\"${key}\"]}"));
  g_assert_nonnull (strstr (body, "\"zzAuth\":true"));
  g_assert_nonnull (strstr (body, "\"zzRequest\":\"${text}\""));
  g_assert_nonnull (strstr (body, "\"zz\":1"));
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==, "SMS");
}

static void
test_test_body_nothing_to_fill (void)
{
  g_autoptr(PbConnection) connection = connection_from ("{\"name\": \"${text}\"}");
  g_autoptr(GHashTable) values = secret_values ();
  g_autofree char *body = pb_connection_dup_test_body (connection, values);

  /* Nothing to fill: the object as it is, not even its name. */
  g_assert_cmpstr (body, ==, "{\"connection\":{\"name\":\"${text}\"}}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbound-request/fill-modes", test_fill_modes);
  g_test_add_func ("/outbound-request/example-values", test_example_values);
  g_test_add_func ("/outbound-request/has-effects", test_has_effects);
  g_test_add_func ("/outbound-request/masked", test_request_masked);
  g_test_add_func ("/outbound-request/test-body", test_test_body);
  g_test_add_func ("/outbound-request/test-body-nothing-to-fill", test_test_body_nothing_to_fill);

  return g_test_run ();
}
