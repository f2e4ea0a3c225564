/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-draft-checks"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-connection-draft.h"
#include "pb-connection-reader.h"
#include "pb-test-util.h"

/* What is wrong with a draft: each check, passing and failing. */

/* Passes every check. */
#define GOOD_OBJECT \
  "{'ref':'r','name':'Weather','systemType':'DATA_SYSTEM'," \
  "'auth':{'authType':'OAUTH','clientId':'c','accessTokenUrl':'https://t.example/token'," \
  "'oauthCustomHeaders':[{'name':'X-A','value':'1'}],'formUrlEncodedItems':[" \
  "{'name':'grant_type','value':'client_credentials'}]}," \
  "'request':{'requestType':'POST','connectionUrl':'https://w.example/${city}?a=1'," \
  "'requestBody':'{\\'q\\': \\'${q}\\', \\'n\\': ${n}}'}," \
  "'inputMappings':[{'label':'City','key':'city','type':'string'}," \
  "{'label':'Q','key':'q','type':'string'},{'label':'N','key':'n','type':'number'}]," \
  "'customHeaders':[{'name':'Accept','value':'application/json'}],'urlParameters':[]," \
  "'connectionTimeout':1000,'socketTimeout':1000}"

static const char * const field_names[PB_DRAFT_N_FIELDS] = {
  "name", "description", "systemType", "icon", "archived", "authType", "clientId",
  "accessTokenUrl", "useMutualTls", "clientSecret", "requestType", "connectionUrl",
  "requestBody", "urlParameters", "exampleValue", "connectionTimeout", "socketTimeout",
};

static const char * const table_names[PB_DRAFT_N_TABLES] = {
  "customHeaders", "oauthCustomHeaders", "formUrlEncodedItems", "inputMappings",
  "outputMappings",
};

static PbConnectionDraft *
good_draft (void)
{
  g_autofree char *json = pb_test_json (GOOD_OBJECT);
  g_autoptr(GError) error = NULL;
  PbConnectionDraft *draft = pb_connection_draft_new_for_json (json, &error);

  g_assert_no_error (error);
  return draft;
}

/* The problems, one a line: "E name: Enter a name.", "W inputMappings[2].key: …". */
static char *
describe_problems (PbConnectionDraft *draft)
{
  g_autoptr(GPtrArray) problems = pb_connection_draft_check (draft);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const PbDraftProblem *p = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, p->level == PB_DRAFT_PROBLEM_ERROR ? "E " : "W ");
      if (p->field >= 0)
        {
          g_assert_cmpint (p->table, ==, -1);
          g_string_append (out, field_names[p->field]);
        }
      else
        {
          g_assert_cmpint (p->table, >=, 0);
          g_string_append (out, table_names[p->table]);
          if (p->row >= 0)
            g_string_append_printf (out, "[%d]", p->row);
          if (p->column != NULL)
            {
              /* One of the table's own column names. */
              g_assert_true (g_strv_contains (pb_draft_table_get_columns (p->table), p->column));
              g_string_append_printf (out, ".%s", p->column);
            }
        }
      g_string_append_printf (out, ": %s", p->message);
    }

  return g_string_free (out, FALSE);
}

static void
assert_problems (PbConnectionDraft *draft,
                 const char        *expected)
{
  g_autofree char *problems = describe_problems (draft);

  g_assert_cmpstr (problems, ==, expected);
}

/* Sets `field` to `text`, checks that the draft has `expected` (and an error, or not), and
 * sets the field back. */
static void
assert_field (PbConnectionDraft *draft,
              PbDraftField       field,
              const char        *text,
              const char        *expected)
{
  g_autofree char *old = g_strdup (pb_connection_draft_get_text (draft, field));

  pb_connection_draft_set_text (draft, field, text);
  assert_problems (draft, expected);
  g_assert_true (pb_connection_draft_has_errors (draft) == (expected[0] == 'E'));
  pb_connection_draft_set_text (draft, field, old);
  assert_problems (draft, "");
}

static void
test_good (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();
  g_autoptr(PbConnectionDraft) data = pb_connection_draft_new ("DATA_SYSTEM");
  g_autoptr(GPtrArray) problems = pb_connection_draft_check (draft);

  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_false (pb_connection_draft_has_errors (draft));

  /* A new draft wants a name and a URL, nothing else. */
  assert_problems (data, "E name: Enter a name.\nE connectionUrl: Enter the URL.");
  g_assert_true (pb_connection_draft_has_errors (data));
}

static void
test_name (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();

  assert_field (draft, PB_DRAFT_NAME, "", "E name: Enter a name.");
  assert_field (draft, PB_DRAFT_NAME, "  ", "E name: Enter a name.");
  assert_field (draft, PB_DRAFT_NAME, "Weather-EU",
                "W name: Hyphens in a data system’s name break references from decisions.");

  /* A destination's name may have them. */
  pb_connection_draft_set_text (draft, PB_DRAFT_SYSTEM_TYPE, "DESTINATION");
  assert_field (draft, PB_DRAFT_NAME, "Weather-EU", "");
}

static void
test_system_type (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();

  assert_field (draft, PB_DRAFT_SYSTEM_TYPE, "", "E systemType: Choose a system type.");
  assert_field (draft, PB_DRAFT_SYSTEM_TYPE, "SOMETHING_NEW", "");
}

static void
test_auth (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();

  assert_field (draft, PB_DRAFT_AUTH_TYPE, "", "E authType: Choose an authentication type.");
  assert_field (draft, PB_DRAFT_AUTH_CLIENT_ID, " ", "E clientId: Enter the client ID.");
  assert_field (draft, PB_DRAFT_AUTH_ACCESS_TOKEN_URL, "",
                "E accessTokenUrl: Enter the token URL.");
  assert_field (draft, PB_DRAFT_AUTH_ACCESS_TOKEN_URL, "http://t.example/token",
                "E accessTokenUrl: The token URL must start with https://.");
  assert_field (draft, PB_DRAFT_AUTH_ACCESS_TOKEN_URL, "t.example/token",
                "E accessTokenUrl: The token URL must start with https://.");
  assert_field (draft, PB_DRAFT_AUTH_ACCESS_TOKEN_URL, "https:///token",
                "E accessTokenUrl: The token URL is not a complete web address, such as "
                "https://example.com/oauth/token.");
  assert_field (draft, PB_DRAFT_AUTH_ACCESS_TOKEN_URL, "HTTPS://T.example:8443/token?x=1", "");

  /* A duplicate has no client secret until one is typed: said, not enforced. */
  {
    g_autofree char *json = pb_test_json (GOOD_OBJECT);
    g_autoptr(PbConnection) connection = pb_connection_new_from_data (json, -1, NULL);
    g_autoptr(PbConnectionDraft) copy = pb_connection_draft_new_duplicate (connection);

    g_assert_nonnull (connection);
    pb_connection_draft_set_text (copy, PB_DRAFT_AUTH_CLIENT_SECRET, "s3cret");
    assert_field (copy, PB_DRAFT_AUTH_CLIENT_SECRET, "",
                  "W clientSecret: A new connection has no client secret until one is typed: "
                  "without it, its calls cannot sign in.");
  }

  /* Without OAuth, the OAuth fields do not matter. */
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_TYPE, "NONE");
  assert_field (draft, PB_DRAFT_AUTH_ACCESS_TOKEN_URL, "http://t.example/token", "");
  assert_field (draft, PB_DRAFT_AUTH_CLIENT_ID, "", "");
}

static void
test_request (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();

  assert_field (draft, PB_DRAFT_REQUEST_TYPE, "", "E requestType: Choose a method.");
  assert_field (draft, PB_DRAFT_CONNECTION_URL, "", "E connectionUrl: Enter the URL.\n"
                "W inputMappings[0].key: The input mapping “city” is not used in the URL or "
                "the body.");
  assert_field (draft, PB_DRAFT_CONNECTION_URL, "w.example/${city}",
                "E connectionUrl: The URL must start with https:// or http://.");
  assert_field (draft, PB_DRAFT_CONNECTION_URL, "https://w.example/a b/${city}",
                "E connectionUrl: The URL is not a complete web address, such as "
                "https://example.com/path.");
  assert_field (draft, PB_DRAFT_CONNECTION_URL, "https://${city}.example/x", "");
  assert_field (draft, PB_DRAFT_CONNECTION_URL, "http://127.0.0.1:8080/${city}", "");
  /* Where a placeholder starts the URL, only the connection knows. */
  assert_field (draft, PB_DRAFT_CONNECTION_URL, "${city}/path", "");
}

static void
test_body (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();

  assert_field (draft, PB_DRAFT_REQUEST_BODY, "{\"q\": \"${q}\", \"n\": ${n},}",
                "E requestBody: The body is not valid JSON: a name in quotes was expected "
                "(line 1, column 25).");
  assert_field (draft, PB_DRAFT_REQUEST_BODY, "[${q}, ${n}, \"${city}\"]", "");
  /* Inside a string, a placeholder is text: the string must still be one. */
  assert_field (draft, PB_DRAFT_REQUEST_BODY, "{\"q\": \"${q}, \"n\": \"${n}\"}",
                "E requestBody: The body is not valid JSON: a comma or “}” was expected "
                "(line 1, column 15).");
  /* Not JSON at all: a form, text, XML. */
  assert_field (draft, PB_DRAFT_REQUEST_BODY, "q=${q}&n=${n}", "");
}

static void
test_url_parameters (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();

  assert_field (draft, PB_DRAFT_URL_PARAMETERS, "", "");
  assert_field (draft, PB_DRAFT_URL_PARAMETERS, "[{\"name\": \"a\", \"value\": \"b\"}]", "");
  assert_field (draft, PB_DRAFT_URL_PARAMETERS, "{}",
                "E urlParameters: The URL parameters must be a list in square brackets, such "
                "as [].");
  assert_field (draft, PB_DRAFT_URL_PARAMETERS, "[{",
                "E urlParameters: The URL parameters are not valid JSON: the text ends too "
                "early (line 1, column 3).");
}

static void
test_placeholders (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();
  GListModel *headers = pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS);
  g_autoptr(PbDraftRow) header = g_list_model_get_item (headers, 0);
  PbDraftRow *mapping;

  /* Each name once, where it first is. */
  assert_field (draft, PB_DRAFT_CONNECTION_URL, "https://w.example/${city}/${email}/${email}",
                "W connectionUrl: No input mapping for ${email}.");
  assert_field (draft, PB_DRAFT_REQUEST_BODY, "{\"q\": \"${q}\", \"n\": ${n}, \"e\": ${email}}",
                "W requestBody: No input mapping for ${email}.");
  pb_draft_row_set (header, "value", "Bearer ${token}");
  assert_problems (draft, "W customHeaders[0].value: No input mapping for ${token}.");
  pb_draft_row_set (header, "value", "application/json");

  /* A mapping nothing uses; a new one without a key. */
  assert_field (draft, PB_DRAFT_REQUEST_BODY, "{\"q\": \"${q}\"}",
                "W inputMappings[2].key: The input mapping “n” is not used in the URL or the "
                "body.");
  mapping = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_INPUT_MAPPINGS, 0);
  assert_problems (draft,
                   "E inputMappings[0].key: Enter a key: the name of the placeholder it fills.");
  pb_draft_row_set (mapping, "key", "email");
  assert_problems (draft, "W inputMappings[0].key: The input mapping “email” is not used in "
                   "the URL or the body.");
  /* The URL parameters use placeholders too. */
  pb_connection_draft_set_text (draft, PB_DRAFT_URL_PARAMETERS,
                                "[{\"name\": \"e\", \"value\": \"${email}\"}]");
  assert_problems (draft, "");
  pb_connection_draft_set_text (draft, PB_DRAFT_URL_PARAMETERS, "[\"${other}\"]");
  assert_problems (draft, "W urlParameters: No input mapping for ${other}.\n"
                   "W inputMappings[0].key: The input mapping “email” is not used in "
                   "the URL or the body.");

  /* Only warnings: saving is allowed. */
  g_assert_false (pb_connection_draft_has_errors (draft));
}

static void
test_row_names (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();
  PbDraftRow *row;

  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 1);
  assert_problems (draft, "E customHeaders[1].name: Enter the header’s name.");
  pb_draft_row_set (row, "name", "X-B");
  assert_problems (draft, "");

  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_FORM_ITEMS, 0);
  assert_problems (draft, "E formUrlEncodedItems[0].name: Enter the item’s name.");
  pb_connection_draft_remove_row (draft, PB_DRAFT_TABLE_FORM_ITEMS, 0);

  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS, 1);
  pb_draft_row_set (row, "value", "v");
  assert_problems (draft, "E oauthCustomHeaders[1].name: Enter the header’s name.");
  g_assert_true (pb_connection_draft_has_errors (draft));
  pb_draft_row_set (row, "name", "X-C");
  assert_problems (draft, "");
}

static void
test_timeouts (void)
{
  g_autoptr(PbConnectionDraft) draft = good_draft ();
  const char *bad[] = { "0", "-5", "1.5", "1e3", "abc", "10 s", "99999999999", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      assert_field (draft, PB_DRAFT_CONNECTION_TIMEOUT, bad[i],
                    "E connectionTimeout: Enter a whole number of milliseconds, more than 0.");
      assert_field (draft, PB_DRAFT_SOCKET_TIMEOUT, bad[i],
                    "E socketTimeout: Enter a whole number of milliseconds, more than 0.");
    }
  assert_field (draft, PB_DRAFT_CONNECTION_TIMEOUT, "", "");
  assert_field (draft, PB_DRAFT_SOCKET_TIMEOUT, " 30000 ", "");
}

/* Each problem is a copy of its own. */
static void
test_problem_copy (void)
{
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new ("DESTINATION");
  g_autoptr(GPtrArray) problems = pb_connection_draft_check (draft);
  g_autoptr(PbDraftProblem) copy = NULL;

  g_assert_cmpuint (problems->len, >, 0);
  copy = g_boxed_copy (PB_TYPE_DRAFT_PROBLEM, g_ptr_array_index (problems, 0));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_cmpint (copy->field, ==, PB_DRAFT_NAME);
  g_assert_cmpstr (copy->message, ==, "Enter a name.");
}

/* In German and French, the reason a body is not JSON reads as one sentence with the
 * check's own start; a duplicate's name is translated. */
static void
test_translated (void)
{
  const char *code;
  g_autoptr(PbConnectionDraft) draft = NULL;
  g_autoptr(PbConnectionDraft) copy = NULL;
  g_autoptr(PbConnection) connection = NULL;

  if (!g_test_subprocess ())
    {
      const char *codes[] = { "de", "fr" };

      for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
        {
          g_setenv ("LANGUAGE", codes[i], TRUE);
          g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
          g_unsetenv ("LANGUAGE");
          g_test_trap_assert_passed ();
        }
      return;
    }

  code = pb_test_use_build_catalogs ();
  draft = good_draft ();
  pb_connection_draft_set_text (draft, PB_DRAFT_REQUEST_BODY, "{\"q\": ${q}, \"n\": ${n}");
  connection = pb_connection_new_from_data ("{\"name\":\"Weather\"}", -1, NULL);
  copy = pb_connection_draft_new_duplicate (connection);
  g_assert_cmpstr (pb_connection_draft_get_text (copy, PB_DRAFT_NAME), ==,
                   g_str_equal (code, "de") ? "Kopie von Weather" : "Copie de Weather");

  if (g_str_equal (code, "de"))
    assert_problems (draft, "E requestBody: Der Rumpf ist kein gültiges JSON: der Text endet "
                     "zu früh (Zeile 1, Spalte 22).");
  else
    assert_problems (draft, "E requestBody: Le corps n’est pas du JSON valide : le texte se "
                     "termine trop tôt (ligne 1, colonne 22).");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draft-checks/good", test_good);
  g_test_add_func ("/draft-checks/name", test_name);
  g_test_add_func ("/draft-checks/system-type", test_system_type);
  g_test_add_func ("/draft-checks/auth", test_auth);
  g_test_add_func ("/draft-checks/request", test_request);
  g_test_add_func ("/draft-checks/body", test_body);
  g_test_add_func ("/draft-checks/url-parameters", test_url_parameters);
  g_test_add_func ("/draft-checks/placeholders", test_placeholders);
  g_test_add_func ("/draft-checks/row-names", test_row_names);
  g_test_add_func ("/draft-checks/timeouts", test_timeouts);
  g_test_add_func ("/draft-checks/problem-copy", test_problem_copy);
  g_test_add_func ("/draft-checks/translated", test_translated);

  return g_test_run ();
}
