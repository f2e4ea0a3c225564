/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-client.h"
#include "pb-connection.h"
#include "pb-export.h"
#include "pb-test-server.h"
#include "pb-test-util.h"

/* {{{ Helpers */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static PbConnection *
connection_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connection);

  return connection;
}

/* The "connection" member of the test request fixture, as its own document. */
static PbConnection *
sms_connection (void)
{
  g_autofree char *data = pb_test_read_fixture ("test-connection-request.json");
  g_autoptr(JsonNode) root = parse_json (data);
  JsonNode *member = json_object_get_member (json_node_get_object (root), "connection");
  g_autofree char *text = json_to_string (member, FALSE);

  return connection_from_json (text);
}

/* Every connection of every fixture that holds connections. */
static GPtrArray *
all_fixture_connections (void)
{
  g_autofree char *list = pb_test_read_fixture ("list-connections.json");
  g_autofree char *destination = pb_test_read_fixture ("connection-destination.json");
  g_autofree char *created = pb_test_read_fixture ("create-connection-response.json");
  g_autoptr(GError) error = NULL;
  GPtrArray *all = pb_connection_parse_list (list, -1, &error);

  g_assert_no_error (error);
  g_ptr_array_add (all, connection_from_json (destination));
  g_ptr_array_add (all, connection_from_json (created));
  g_ptr_array_add (all, sms_connection ());

  return all;
}

/* Runs `command` with bash (the shell most users paste into), its "curl" replaced by a printf
 * of each argument, and returns the arguments the shell gave it: what curl would have
 * received. */
static GStrv
shell_arguments (const char *command)
{
  g_autofree char *printer = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p;
  const char *end;
  gsize length;

  g_assert_true (g_str_has_prefix (command, "curl "));
  printer = g_strconcat ("printf '%s\\0' curl ", command + strlen ("curl "), NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, "bash", "-c", printer, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (err), ==, 0);
  g_assert_true (g_subprocess_get_successful (process));

  /* Each argument is followed by a NUL. */
  p = g_bytes_get_data (out, &length);
  end = p + length;
  g_assert_true (length > 0 && end[-1] == '\0');
  while (p < end)
    {
      g_strv_builder_add (builder, p);
      p += strlen (p) + 1;
    }

  return g_strv_builder_end (builder);
}

static void
assert_strv_equal (GStrv        got,
                   const char  *const *expected)
{
  guint n = g_strv_length (got);

  for (guint i = 0; i < n && expected[i] != NULL; i++)
    g_assert_cmpstr (got[i], ==, expected[i]);
  g_assert_cmpuint (n, ==, g_strv_length ((GStrv)expected));
}

/* }}} */
/* {{{ Secrets */

/* A BASIC connection's password, a key in the URL's query and in the token URL's: masked in
 * the JSON and in the command, shown with secrets. */
static void
test_masks_auth_members_and_urls (void)
{
  g_autoptr(PbConnection) connection = connection_from_json (
    "{\"ref\": \"r\", \"name\": \"n\", \"clientKey\": \"ck-VISIBLE\","
    " \"auth\": {\"authType\": \"BASIC\", \"username\": \"u-VISIBLE\", \"pwd\": \"pw-SECRET-1\","
    "   \"accessTokenUrl\": \"https://a/t?client_secret=cs-SECRET-2\"},"
    " \"request\": {\"requestType\": \"GET\","
    "   \"connectionUrl\": \"https://h/p?api_key=ak-SECRET-3&q=VISIBLE\"},"
    " \"customHeaders\": [{\"name\": \"Ocp-Apim-Subscription-Key\", \"value\": \"sk-SECRET-4\"}]}");
  const char *secrets[] = { "pw-SECRET-1", "cs-SECRET-2", "ak-SECRET-3", "sk-SECRET-4" };
  g_autofree char *json = pb_export_connection (connection, FALSE, NULL);
  g_autofree char *json_clear = pb_export_connection (connection, TRUE, NULL);
  g_autofree char *curl = pb_connection_to_curl (connection, FALSE);
  g_autofree char *curl_clear = pb_connection_to_curl (connection, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_assert_null (strstr (json, secrets[i]));
      g_assert_null (strstr (curl, secrets[i]));
      g_assert_nonnull (strstr (json_clear, secrets[i]));
    }
  g_assert_nonnull (strstr (curl_clear, "ak-SECRET-3"));
  g_assert_nonnull (strstr (curl_clear, "sk-SECRET-4"));
  g_assert_nonnull (strstr (json, "ck-VISIBLE"));
  g_assert_nonnull (strstr (json, "u-VISIBLE"));
  g_assert_nonnull (strstr (json, "q=VISIBLE"));
  g_assert_nonnull (strstr (json, "https://a/t?client_secret=" PB_SECRET_MASK));
  g_assert_nonnull (strstr (curl, "'https://h/p?api_key=" PB_SECRET_MASK "&q=VISIBLE'"));
}

/* }}} */
/* {{{ curl */

static void
test_curl_sms_fixture (void)
{
  g_autoptr(PbConnection) connection = sms_connection ();
  g_autofree char *text = pb_connection_to_curl (connection, FALSE);

  g_assert_cmpstr (text, ==,
                   "curl -X POST 'https://sms.example.com/v1/messages' \\\n"
                   "  -H 'Accept: application/json' \\\n"
                   "  -H 'Content-Type: application/json' \\\n"
                   "  -H 'X-Channel: {sms}' \\\n"
                   "  --data-raw '{\n"
                   "  \"to\": \"${phone}\",\n"
                   "  \"text\": \"${text}\"\n"
                   "}'");
}

/* Each fixture connection: the shell hands curl its method, URL, headers and body. */
static void
test_curl_all_fixtures (void)
{
  g_autoptr(GPtrArray) all = all_fixture_connections ();

  g_assert_cmpuint (all->len, >=, 4);
  for (guint i = 0; i < all->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (all, i);
      g_autofree char *text = pb_connection_to_curl (connection, TRUE);
      g_auto(GStrv) args = shell_arguments (text);
      GListModel *headers = pb_connection_get_custom_headers (connection);
      const char *body = pb_connection_get_request_body (connection);
      guint n_headers = 0;
      guint at = 0;

      g_test_message ("%s", text);
      g_assert_cmpstr (args[at++], ==, "curl");
      g_assert_cmpstr (args[at++], ==, "-X");
      g_assert_cmpstr (args[at++], ==, pb_connection_get_request_type (connection));
      g_assert_cmpstr (args[at++], ==, pb_connection_get_connection_url (connection));
      if (strpbrk (pb_connection_get_connection_url (connection), "{}[]") != NULL)
        g_assert_cmpstr (args[at++], ==, "--globoff");
      for (guint h = 0; h < g_list_model_get_n_items (headers); h++)
        {
          g_autoptr(PbNameValue) item = g_list_model_get_item (headers, h);

          if (g_ascii_strcasecmp (pb_name_value_get_name (item), "Accept-Encoding") == 0)
            g_assert_nonnull (g_strv_contains ((const char *const *)args, "--compressed")
                              ? "yes" : NULL);
        }
      while (args[at] != NULL && g_str_equal (args[at], "--compressed"))
        at++;
      for (guint h = 0; h < g_list_model_get_n_items (headers); h++)
        {
          g_autoptr(PbNameValue) item = g_list_model_get_item (headers, h);
          g_autofree char *expected = g_strdup_printf ("%s: %s", pb_name_value_get_name (item),
                                                       pb_name_value_get_value (item));

          g_assert_cmpstr (args[at++], ==, "-H");
          g_assert_cmpstr (args[at++], ==, expected);
          n_headers++;
        }
      if (body != NULL && *body != '\0')
        {
          g_assert_cmpstr (args[at++], ==, "--data-raw");
          g_assert_cmpstr (args[at++], ==, body);
        }
      g_assert_null (args[at]);
    }
}

static const char hostile_json[] =
  "{\"ref\": \"b0b0b0b0-0000-4000-8000-000000000001\", \"name\": \"Hostile\","
  " \"auth\": {\"authType\": \"NONE\"}, \"systemType\": \"DESTINATION\","
  " \"request\": {\"requestType\": \"POST\","
  "   \"connectionUrl\": \"https://example.com/a'b/$(touch MARKER)/`touch MARKER`/${id}?q='1'\","
  "   \"requestBody\": \"{\\\"a\\\": \\\"it's\\\", \\\"b\\\": \\\"$(touch MARKER)\\\",\\n"
  " \\\"c\\\": \\\"`touch MARKER`\\\","
  " \\\"d\\\": \\\"'\\\\\\\\''\\\\\\\"\\\", \\\"e\\\": \\\"${x}\\\"}\"},"
  " \"customHeaders\": ["
  "   {\"name\": \"X-Quote\", \"value\": \"it's 'quoted' \\\"twice\\\"\"},"
  "   {\"name\": \"X-Subst\", \"value\": \"$(touch MARKER) `touch MARKER` $HOME ${HOME}\"},"
  "   {\"name\": \"X-Lines\", \"value\": \"one\\ntwo\\\\\\nthree\"},"
  "   {\"name\": \"X-Empty\", \"value\": \"\"},"
  "   {\"name\": \"X-Ending\", \"value\": \"back\\\\\"}"
  " ]}";

static char *
hostile_text (const char *marker)
{
  GString *out = g_string_new (hostile_json);

  g_string_replace (out, "MARKER", marker, 0);

  return g_string_free (out, FALSE);
}

static void
test_curl_hostile_quoting (void)
{
  g_autofree char *folder = g_dir_make_tmp ("test-export-XXXXXX", NULL);
  g_autofree char *marker = g_build_filename (folder, "executed", NULL);
  g_autofree char *json = hostile_text (marker);
  g_autoptr(PbConnection) connection = connection_from_json (json);
  g_autofree char *text = pb_connection_to_curl (connection, TRUE);
  g_auto(GStrv) args = shell_arguments (text);
  g_autofree char *x_quote = g_strdup ("X-Quote: it's 'quoted' \"twice\"");
  g_autofree char *x_subst = g_strdup_printf ("X-Subst: $(touch %s) `touch %s` $HOME ${HOME}",
                                              marker, marker);
  const char *expected[] = {
    "curl", "-X", "POST", pb_connection_get_connection_url (connection), "--globoff",
    "-H", x_quote,
    "-H", x_subst,
    "-H", "X-Lines: one\ntwo\\\nthree",
    "-H", "X-Empty;",
    "-H", "X-Ending: back\\",
    "--data-raw", pb_connection_get_request_body (connection),
    NULL,
  };

  g_test_message ("%s", text);
  g_assert_nonnull (strchr (pb_connection_get_request_body (connection), '\''));
  g_assert_nonnull (strstr (pb_connection_get_request_body (connection), "\\'"));
  assert_strv_equal (args, expected);
  /* Nothing in the values ran. */
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_rmdir (folder);
}

/* Control characters a terminal or line editor would act on when the command is pasted (end of
 * line, ^U, ESC, DEL, a C1 CSI) are escaped inside $'…': the command holds none of them, and the
 * shell still hands curl each value exactly. */
static void
test_curl_paste_safe (void)
{
  g_autoptr(PbConnection) connection = connection_from_json (
    "{\"ref\": \"r\", \"name\": \"n\", \"request\": {\"requestType\": \"POST\","
    " \"connectionUrl\": \"https://h/p\", \"requestBody\": \"{}\\n\\u0015rm -rf ~\\n\"},"
    " \"customHeaders\": [{\"name\": \"X-Esc\", \"value\": \"a\\u001b]0;title\\u0007b\"},"
    "                     {\"name\": \"X-Del\", \"value\": \"it's\\u007f\\tc\\\\d\\u009b2J\"}]}");
  g_autofree char *text = pb_connection_to_curl (connection, TRUE);
  g_auto(GStrv) args = shell_arguments (text);
  const char *expected[] = {
    "curl", "-X", "POST", "https://h/p",
    "-H", "X-Esc: a\033]0;title\007b",
    "-H", "X-Del: it's\177\tc\\d\302\2332J",
    "--data-raw", "{}\n\025rm -rf ~\n",
    NULL,
  };

  g_test_message ("%s", text);
  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      /* Only the line breaks between options, each after a backslash. */
      if (*p == '\n')
        g_assert_cmpint (p[-1], ==, '\\');
      else
        g_assert_true (*p >= 0x20 && *p != 0x7f && !(*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f));
    }
  assert_strv_equal (args, expected);
}

static void
test_curl_method_quoted (void)
{
  g_autoptr(PbConnection) connection = connection_from_json (
    "{\"ref\": \"r\", \"name\": \"n\", \"request\": {\"requestType\": \"GET;echo hi\","
    " \"connectionUrl\": \"https://example.com/\"}}");
  g_autoptr(PbConnection) no_method = connection_from_json (
    "{\"ref\": \"r\", \"name\": \"n\", \"request\": {\"connectionUrl\": \"https://h/\"}}");
  g_autofree char *text = pb_connection_to_curl (connection, TRUE);
  g_autofree char *text2 = pb_connection_to_curl (no_method, TRUE);
  g_auto(GStrv) args = shell_arguments (text);
  const char *expected[] = { "curl", "-X", "GET;echo hi", "https://example.com/", NULL };

  assert_strv_equal (args, expected);
  g_assert_cmpstr (text2, ==, "curl -X GET 'https://h/'");
}

static const char secret_json[] =
  "{\"ref\": \"c0c0c0c0-0000-4000-8000-000000000002\", \"name\": \"With secrets\","
  " \"auth\": {\"authType\": \"OAUTH\", \"clientId\": \"my-client\","
  "   \"accessTokenUrl\": \"https://auth.example.com/token\", \"useMutualTls\": false,"
  "   \"clientSecret\": \"cs-NESTED-1\","
  "   \"oauthCustomHeaders\": [{\"name\": \"X-Api-Key\", \"value\": \"oh-KEY-2\"},"
  "                            {\"name\": \"X-Tenant\", \"value\": \"acme\"}],"
  "   \"formUrlEncodedItems\": [{\"name\": \"grant_type\", \"value\": \"client_credentials\"},"
  "                             {\"name\": \"client_secret\", \"value\": \"fu-SECRET-3\"},"
  "                             {\"name\": \"password\", \"value\": \"fu-PASS-4\"},"
  "                             {\"name\": \"refresh_token\", \"value\": \"fu-TOKEN-5\"}]},"
  " \"request\": {\"requestType\": \"GET\", \"connectionUrl\": \"https://api.example.com/v1\"},"
  " \"customHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer ch-BEARER-6\"},"
  "                     {\"name\": \"Cookie\", \"value\": \"sid=ch-COOKIE-7\"},"
  "                     {\"name\": \"Accept\", \"value\": \"application/json\"}],"
  " \"urlParameters\": [],"
  " \"extra\": {\"deep\": [{\"access_token\": \"ex-ACCESS-8\", \"kept\": \"visible\"}],"
  "             \"Password\": 12345, \"accessToken\": null}}";

static const char *const secret_values[] = {
  "cs-NESTED-1", "oh-KEY-2", "fu-SECRET-3", "fu-PASS-4", "fu-TOKEN-5", "ch-BEARER-6",
  "ch-COOKIE-7", "ex-ACCESS-8", "12345",
};

static void
test_curl_masking (void)
{
  g_autoptr(PbConnection) connection = connection_from_json (secret_json);
  g_autofree char *masked = pb_connection_to_curl (connection, FALSE);
  g_autofree char *clear = pb_connection_to_curl (connection, TRUE);
  g_auto(GStrv) masked_args = shell_arguments (masked);
  g_auto(GStrv) clear_args = shell_arguments (clear);
  const char *expected_masked[] = {
    "curl", "-X", "GET", "https://api.example.com/v1",
    "-H", "Authorization: Bearer " PB_SECRET_MASK,
    "-H", "Cookie: " PB_SECRET_MASK,
    "-H", "Accept: application/json",
    NULL,
  };
  const char *expected_clear[] = {
    "curl", "-X", "GET", "https://api.example.com/v1",
    "-H", "Authorization: Bearer ch-BEARER-6",
    "-H", "Cookie: sid=ch-COOKIE-7",
    "-H", "Accept: application/json",
    NULL,
  };

  assert_strv_equal (masked_args, expected_masked);
  assert_strv_equal (clear_args, expected_clear);
  for (guint i = 0; i < G_N_ELEMENTS (secret_values); i++)
    g_assert_null (strstr (masked, secret_values[i]));
  /* The OAuth settings are not part of the request: neither the client secret nor the form. */
  g_assert_null (strstr (clear, "cs-NESTED-1"));
  g_assert_null (strstr (clear, "fu-SECRET-3"));
}

static void
test_curl_url_parameters (void)
{
  g_autoptr(PbConnection) connection = connection_from_json (
    "{\"ref\": \"r\", \"name\": \"n\", \"request\": {\"requestType\": \"GET\","
    " \"connectionUrl\": \"https://h/p?a=1#frag\"},"
    " \"urlParameters\": [{\"name\": \"q\", \"value\": \"a b&c=${term}\"}, {\"odd\": 1},"
    "                     {\"name\": \"lang\", \"value\": \"fr\"}]}");
  g_autofree char *text = pb_connection_to_curl (connection, TRUE);
  g_auto(GStrv) args = shell_arguments (text);
  const char *expected[] = {
    "curl", "-X", "GET", "https://h/p?a=1&q=a%20b%26c%3D${term}&lang=fr#frag", "--globoff", NULL,
  };

  assert_strv_equal (args, expected);
}

/* A URL parameter that Copy JSON masks is masked in the command too, and shown when asked. */
static void
test_curl_masks_url_parameters (void)
{
  g_autoptr(PbConnection) connection = connection_from_json (
    "{\"ref\": \"r\", \"name\": \"n\", \"request\": {\"requestType\": \"GET\","
    " \"connectionUrl\": \"https://h/p\"},"
    " \"urlParameters\": [{\"name\": \"token\", \"value\": \"up-TOKEN-9\"},"
    "                     {\"name\": \"lang\", \"value\": \"fr\"}]}");
  g_autofree char *json = pb_export_connection (connection, FALSE, NULL);
  g_autofree char *masked = pb_connection_to_curl (connection, FALSE);
  g_autofree char *clear = pb_connection_to_curl (connection, TRUE);
  g_auto(GStrv) masked_args = shell_arguments (masked);
  g_auto(GStrv) clear_args = shell_arguments (clear);
  const char *expected_masked[] = {
    "curl", "-X", "GET", "https://h/p?token=" PB_SECRET_MASK "&lang=fr", NULL,
  };
  const char *expected_clear[] = {
    "curl", "-X", "GET", "https://h/p?token=up-TOKEN-9&lang=fr", NULL,
  };

  g_assert_null (strstr (json, "up-TOKEN-9"));
  assert_strv_equal (masked_args, expected_masked);
  assert_strv_equal (clear_args, expected_clear);
}

/* Plugboard's own token is never part of the command (there is no way for it to be). */
static void
test_curl_no_token (void)
{
  g_autoptr(PbClient) client = pb_client_new ("https://api-engage-eu.sitecorecloud.io");
  g_autoptr(GPtrArray) all = all_fixture_connections ();
  g_autoptr(PbConnection) secrets = connection_from_json (secret_json);

  pb_client_set_access_token (client, "tok-SECRET-123");
  g_ptr_array_add (all, g_object_ref (secrets));
  for (guint i = 0; i < all->len; i++)
    for (int include = 0; include <= 1; include++)
      {
        g_autofree char *text = pb_connection_to_curl (g_ptr_array_index (all, i), include);

        g_assert_null (strstr (text, "tok-SECRET-123"));
      }
}

/* {{{ Running the command for real */

static void
test_curl_runs (void)
{
  g_autoptr(PbTestServer) server = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree char *home = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unescaped = NULL;
  g_auto(PbTestWaiter) waiter = { NULL };
  PbTestRequest *request;
  const char *body = "{\n  \"to\": \"${phone}\",\n  \"it's\": \"$(nothing) `here`\"\n}";

  if (curl == NULL)
    {
      pb_test_skip_or_fail ("curl is not installed");
      return;
    }

  server = pb_test_server_new (FALSE);
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{}");

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *url = g_strconcat (server->base_url, "/hooks/${ref}/send?kind=sms", NULL);

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "ref");
    json_builder_add_string_value (builder, "d0d0d0d0-0000-4000-8000-000000000003");
    json_builder_set_member_name (builder, "name");
    json_builder_add_string_value (builder, "Local");
    json_builder_set_member_name (builder, "request");
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "requestType");
    json_builder_add_string_value (builder, "PUT");
    json_builder_set_member_name (builder, "connectionUrl");
    json_builder_add_string_value (builder, url);
    json_builder_set_member_name (builder, "requestBody");
    json_builder_add_string_value (builder, body);
    json_builder_end_object (builder);
    json_builder_set_member_name (builder, "customHeaders");
    json_builder_begin_array (builder);
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "name");
    json_builder_add_string_value (builder, "Content-Type");
    json_builder_set_member_name (builder, "value");
    json_builder_add_string_value (builder, "application/json");
    json_builder_end_object (builder);
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "name");
    json_builder_add_string_value (builder, "X-Quote");
    json_builder_set_member_name (builder, "value");
    json_builder_add_string_value (builder, "it's \"$HOME\" `id`");
    json_builder_end_object (builder);
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "name");
    json_builder_add_string_value (builder, "Authorization");
    json_builder_set_member_name (builder, "value");
    json_builder_add_string_value (builder, "Bearer abc'def");
    json_builder_end_object (builder);
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    json = json_to_string (root, FALSE);
  }

  connection = connection_from_json (json);
  text = pb_connection_to_curl (connection, TRUE);
  g_test_message ("%s", text);

  /* No proxy and no ~/.curlrc of the person running the tests. */
  home = g_dir_make_tmp ("test-export-curl-XXXXXX", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "CURL_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_PROXY", "*", TRUE);
  g_subprocess_launcher_setenv (launcher, "no_proxy", "*", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "http_proxy");
  g_subprocess_launcher_unsetenv (launcher, "HTTP_PROXY");
  g_subprocess_launcher_unsetenv (launcher, "all_proxy");
  g_subprocess_launcher_unsetenv (launcher, "ALL_PROXY");
  process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", text, NULL);
  g_assert_no_error (error);

  /* The server answers on this thread's main context while curl runs. */
  g_subprocess_wait_check_async (process, NULL, pb_test_waiter_cb, &waiter);
  g_subprocess_wait_check_finish (process, pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (server->requests->len, ==, 1);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "PUT");
  /* The placeholder arrives as it is (percent-encoded or not). */
  unescaped = g_uri_unescape_string (request->path, NULL);
  g_assert_cmpstr (unescaped, ==, "/hooks/${ref}/send");
  g_assert_cmpstr (request->query, ==, "kind=sms");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Content-Type"), ==,
                   "application/json");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "X-Quote"), ==,
                   "it's \"$HOME\" `id`");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "Bearer abc'def");
  g_assert_cmpstr (request->body, ==, body);

  g_rmdir (home);
  g_assert_finalize_object (g_steal_pointer (&connection));
}

/* }}} */
/* }}} */
/* {{{ Export */

static void
assert_same_objects (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autoptr(JsonNode) x = parse_json (pb_connection_get_json (g_ptr_array_index (a, i)));
      g_autoptr(JsonNode) y = parse_json (pb_connection_get_json (g_ptr_array_index (b, i)));

      g_assert_true (json_node_equal (x, y));
    }
}

static void
test_export_roundtrip (void)
{
  g_autoptr(GPtrArray) all = all_fixture_connections ();
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) secrets_again = NULL;
  g_autoptr(GPtrArray) with_secrets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *secrets_text = NULL;

  text = pb_export_connections (all, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "{\n  \"items\": [\n"));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  again = pb_connection_parse_list (text, -1, &error);
  g_assert_no_error (error);
  assert_same_objects (all, again);

  g_ptr_array_add (with_secrets, connection_from_json (secret_json));
  g_ptr_array_add (with_secrets, connection_from_json (hostile_json));
  secrets_text = pb_export_connections (with_secrets, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (secret_values); i++)
    g_assert_nonnull (strstr (secrets_text, secret_values[i]));
  secrets_again = pb_connection_parse_list (secrets_text, -1, &error);
  g_assert_no_error (error);
  assert_same_objects (with_secrets, secrets_again);
}

static void
test_export_one (void)
{
  g_autoptr(GPtrArray) all = all_fixture_connections ();

  for (guint i = 0; i < all->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (all, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = pb_export_connection (connection, TRUE, &error);
      g_autoptr(PbConnection) again = NULL;
      g_autoptr(JsonNode) x = NULL;
      g_autoptr(JsonNode) y = NULL;

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (text, "{\n  \""));
      again = pb_connection_new_from_data (text, -1, &error);
      g_assert_no_error (error);
      x = parse_json (pb_connection_get_json (connection));
      y = parse_json (pb_connection_get_json (again));
      g_assert_true (json_node_equal (x, y));
      g_assert_cmpstr (pb_connection_get_ref (again), ==, pb_connection_get_ref (connection));
    }
}

static JsonObject *
object_at (JsonNode   *root,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) found = json_path_query (path, root, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);

  return json_node_get_object (json_array_get_element (json_node_get_array (found), 0));
}

static void
test_export_masked (void)
{
  g_autoptr(PbConnection) connection = connection_from_json (secret_json);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(JsonNode) expected = parse_json (secret_json);
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *one = NULL;
  JsonObject *auth;

  g_ptr_array_add (list, g_object_ref (connection));
  text = pb_export_connections (list, FALSE, &error);
  g_assert_no_error (error);
  one = pb_export_connection (connection, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (secret_values); i++)
    {
      g_assert_null (strstr (text, secret_values[i]));
      g_assert_null (strstr (one, secret_values[i]));
    }

  again = pb_connection_parse_list (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  got = parse_json (pb_connection_get_json (g_ptr_array_index (again, 0)));

  /* Everything else is as it was. */
  auth = json_object_get_object_member (json_node_get_object (expected), "auth");
  json_object_set_string_member (auth, "clientSecret", PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.auth.oauthCustomHeaders[0]"), "value",
                                 PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.auth.formUrlEncodedItems[1]"), "value",
                                 PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.auth.formUrlEncodedItems[2]"), "value",
                                 PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.auth.formUrlEncodedItems[3]"), "value",
                                 PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.customHeaders[0]"), "value",
                                 "Bearer " PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.customHeaders[1]"), "value",
                                 PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.extra.deep[0]"), "access_token",
                                 PB_SECRET_MASK);
  json_object_set_string_member (object_at (expected, "$.extra"), "Password", PB_SECRET_MASK);
  g_assert_true (json_node_equal (expected, got));
  g_assert_nonnull (strstr (text, "\"visible\""));
  g_assert_nonnull (strstr (text, "\"client_credentials\""));
}

/* {{{ Every kind of secret */

/* The received text with each planted secret replaced by its mask: what a masked copy must
 * be, no more hidden and nothing else changed. */
static char *
expected_masked (const char *received)
{
  g_autoptr(GRegex) marker = g_regex_new ("planted-SECRET-[0-9]+", 0, 0, NULL);
  g_autofree char *masked = g_regex_replace_literal (marker, received, -1, 0, PB_SECRET_MASK,
                                                     0, NULL);
  GString *out = g_string_new (masked);

  g_string_replace (out, "9876543210", "\"" PB_SECRET_MASK "\"", 0);
  return g_string_free (out, FALSE);
}

static void
assert_no_planted_secret (const char *text)
{
  g_assert_null (strstr (text, "SECRET"));
  g_assert_null (strstr (text, "9876543210"));
}

/* The fixture planted-secrets.json holds a secret of every kind of issue 17: masked in Copy
 * JSON, Export, Export All, the offline copy's text and Copy as cURL; shown exactly, and
 * nothing else changed, with include_secrets. */
static void
test_every_kind_of_secret (void)
{
  g_autofree char *planted = pb_test_read_fixture ("planted-secrets.json");
  g_autoptr(PbConnection) connection = connection_from_json (planted);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  const char *received = pb_connection_get_json (connection);
  g_autofree char *expected = expected_masked (received);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (list, g_object_ref (connection));
  g_ptr_array_add (list, sms_connection ());

  for (guint with_secrets = 0; with_secrets <= 1; with_secrets++)
    {
      g_autofree char *one = pb_export_connection (connection, with_secrets, &error);
      g_autofree char *all = pb_export_connections (list, with_secrets, &error);
      g_autofree char *compact = pb_export_connection_compact (connection, with_secrets, &error);
      g_autofree char *curl = pb_connection_to_curl (connection, with_secrets);
      g_autofree char *data = NULL;
      g_autoptr(PbConnection) one_again = NULL;
      g_autoptr(GPtrArray) all_again = NULL;
      g_auto(GStrv) args = shell_arguments (curl);
      const char *mask = PB_SECRET_MASK;
      const char *secret[15];
      g_autofree char *url = NULL;
      g_autofree char *h_auth = NULL;
      g_autofree char *h_sub = NULL;
      g_autofree char *h_key = NULL;

      g_assert_no_error (error);
      for (guint i = 1; i < G_N_ELEMENTS (secret); i++)
        {
          char name[32];

          g_snprintf (name, sizeof name, "planted-SECRET-%u", i);
          secret[i] = with_secrets ? g_intern_string (name) : mask;
        }

      /* The offline copy's text: the received text with the secrets masked, or as received. */
      g_assert_cmpstr (compact, ==, with_secrets ? received : expected);
      if (!with_secrets)
        {
          assert_no_planted_secret (one);
          assert_no_planted_secret (all);
          assert_no_planted_secret (curl);
        }

      /* Copy JSON, Export and Export All: the same object. */
      one_again = pb_connection_new_from_data (one, -1, &error);
      g_assert_no_error (error);
      all_again = pb_connection_parse_list (all, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (all_again->len, ==, 2);
      {
        g_autoptr(JsonNode) x = parse_json (compact);
        g_autoptr(JsonNode) y = parse_json (pb_connection_get_json (one_again));
        g_autoptr(JsonNode) z = parse_json (pb_connection_get_json (g_ptr_array_index (all_again,
                                                                                       0)));

        g_assert_true (json_node_equal (x, y));
        g_assert_true (json_node_equal (x, z));
      }

      /* Copy as cURL: the request's own secrets (auth is not part of the request). */
      url = g_strdup_printf ("https://user:%s@api.example.com/v1/send?api_key=%s&token=%s"
                             "&to=VISIBLE-6&api_key=%s&page=VISIBLE-9",
                             secret[5], secret[6], secret[7], secret[14]);
      h_auth = g_strdup_printf ("Authorization: Basic %s", secret[11]);
      h_sub = g_strdup_printf ("Ocp-Apim-Subscription-Key: %s", secret[12]);
      h_key = g_strdup_printf ("X-Key: %s", secret[13]);
      data = g_strdup_printf ("{\n  \"password\": \"%s\",\n  \"count\": ${count},\n"
                              "  \"user\": {\"apiKey\": \"%s\", \"sig\": \"%s\","
                              " \"id\": \"VISIBLE-7\"}\n}", secret[8], secret[9], secret[10]);
      {
        const char *expected_args[] = {
          "curl", "-X", "POST", url, "-H", h_auth, "-H", h_sub, "-H", h_key,
          "-H", "Accept: VISIBLE-8", "--data-raw", data, NULL,
        };

        assert_strv_equal (args, expected_args);
      }
    }
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/secret/auth-members-and-urls", test_masks_auth_members_and_urls);
  g_test_add_func ("/export/curl/sms-fixture", test_curl_sms_fixture);
  g_test_add_func ("/export/curl/all-fixtures", test_curl_all_fixtures);
  g_test_add_func ("/export/curl/hostile-quoting", test_curl_hostile_quoting);
  g_test_add_func ("/export/curl/method-quoted", test_curl_method_quoted);
  g_test_add_func ("/export/curl/masking", test_curl_masking);
  g_test_add_func ("/export/curl/url-parameters", test_curl_url_parameters);
  g_test_add_func ("/export/curl/masks-url-parameters", test_curl_masks_url_parameters);
  g_test_add_func ("/export/curl/paste-safe", test_curl_paste_safe);
  g_test_add_func ("/export/curl/no-token", test_curl_no_token);
  g_test_add_func ("/export/curl/runs", test_curl_runs);
  g_test_add_func ("/export/json/roundtrip", test_export_roundtrip);
  g_test_add_func ("/export/json/one", test_export_one);
  g_test_add_func ("/export/json/masked", test_export_masked);
  g_test_add_func ("/export/every-kind-of-secret", test_every_kind_of_secret);

  return g_test_run ();
}
