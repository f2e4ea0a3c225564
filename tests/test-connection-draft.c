/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-draft"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-connection-draft.h"
#include "pb-connection-draft-private.h"
#include "pb-connection-reader.h"
#include "pb-export.h"
#include "pb-json-reader.h"
#include "pb-test-util.h"

/* The editable copy of a connection: what the user did not change travels exactly as
 * received. */

/* An object with members of every kind Plugboard does not know, at every level, and numbers
 * no C type holds: the members the server assigns, then the content. */
#define ODD_CONTENT \
  "'archived':false," \
  "'zTop':{'deep':[1,2.50,{'x':null}]},'big':1.0e400," \
  "'auth':{'authType':'OAUTH','clientId':'id','zAuth':[true]," \
  "'oauthCustomHeaders':[{'name':'A','value':'1','zRow':7}]," \
  "'formUrlEncodedItems':[{'name':'grant_type','value':'client_credentials','zForm':{}}]}," \
  "'request':{'requestType':'GET','connectionUrl':'https://x.example/a','zRequest':-0.0}," \
  "'inputMappings':[{'label':'L','key':'k','type':'string','zIn':'i'}]," \
  "'outputMappings':[{'label':'O','outputReference':'o','type':'string','zOut':1e2}]," \
  "'customHeaders':[{'name':'Accept','value':'application/json','zHeader':'h1'}," \
  "{'name':'X-Two','value':'2'},'not a row']," \
  "'urlParameters':[{'name':'p','value':'v','zParam':0}]," \
  "'systemType':'DATA_SYSTEM','connectionTimeout':1000,'socketTimeout':2000,'zLast':'end'}"
#define ODD_OBJECT \
  "{'clientKey':'ck','href':'h','ref':'r1','name':'Odd','modifiedByRef':'u'," \
  "'modifiedAt':'2025-01-30T22:02:23.401Z','revision':18446744073709551616," ODD_CONTENT

static PbConnectionDraft *
odd_draft (void)
{
  g_autofree char *json = pb_test_json (ODD_OBJECT);
  g_autoptr(GError) error = NULL;
  PbConnectionDraft *draft = pb_connection_draft_new_for_json (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  return draft;
}

/* The body, as `expected` (single quotes). */
static void
assert_body (PbConnectionDraft *draft,
             PbDraftBody        kind,
             const char        *expected)
{
  g_autofree char *body = pb_connection_draft_dup_body (draft, kind);
  g_autofree char *wanted = pb_test_json (expected);

  g_assert_cmpstr (body, ==, wanted);
}

/* ODD_OBJECT with `from` replaced by `to` (single quotes). */
static char *
odd_with (const char *from,
          const char *to)
{
  g_autoptr(GString) s = g_string_new (ODD_OBJECT);

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  return g_strdup (s->str);
}

static void
assert_odd_body_with (PbConnectionDraft *draft,
                      const char        *from,
                      const char        *to)
{
  g_autofree char *expected = odd_with (from, to);

  assert_body (draft, PB_DRAFT_BODY_UPDATE, expected);
}

static void
count_cb (PbConnectionDraft *draft,
          guint             *count)
{
  (*count)++;
}

/* {{{ Round trips */

/* A draft of `compact` (a connection object), unchanged, gives back exactly `compact`. */
static void
assert_round_trip (const char *compact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) connection = pb_connection_new_from_data (compact, -1, &error);
  g_autoptr(PbConnectionDraft) draft = NULL;
  g_autoptr(PbConnectionDraft) from_json = NULL;
  g_autofree char *body = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  draft = pb_connection_draft_new_for_connection (connection);
  body = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_UPDATE);
  g_assert_cmpstr (body, ==, compact);
  g_assert_cmpstr (pb_connection_draft_get_base_json (draft), ==, compact);
  g_assert_false (pb_connection_draft_is_modified (draft));
  g_assert_false (pb_connection_draft_is_new (draft));
  g_assert_cmpstr (pb_connection_draft_get_ref (draft), ==, pb_connection_get_ref (connection));
  g_assert_cmpint (pb_connection_draft_get_base_revision (draft), ==,
                   pb_connection_get_revision (connection));
  g_assert_cmpstr (pb_connection_draft_get_base_modified_at (draft), ==,
                   pb_connection_get_modified_at_text (connection));
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_NAME), ==,
                   pb_connection_get_name (connection));

  /* Every field and row value changed and typed back as it was: as received again. */
  for (guint f = 0; f < PB_DRAFT_N_FIELDS; f++)
    {
      g_autofree char *text = g_strdup (pb_connection_draft_get_text (draft, f));
      gboolean boolean = f == PB_DRAFT_ARCHIVED || f == PB_DRAFT_AUTH_USE_MUTUAL_TLS;

      pb_connection_draft_set_text (draft, f, !boolean ? "x"
                                              : strcmp (text, "true") == 0 ? "false" : "true");
      g_assert_true (pb_connection_draft_is_modified (draft));
      pb_connection_draft_set_text (draft, f, text);
    }
  for (guint t = 0; t < PB_DRAFT_N_TABLES; t++)
    {
      GListModel *rows = pb_connection_draft_get_table (draft, t);

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(PbDraftRow) row = g_list_model_get_item (rows, i);
          const char * const *columns = pb_draft_table_get_columns (t);

          for (guint c = 0; columns[c] != NULL; c++)
            {
              g_autofree char *text = g_strdup (pb_draft_row_get (row, columns[c]));

              pb_draft_row_set (row, columns[c], "x");
              g_assert_true (pb_connection_draft_is_modified (draft));
              pb_draft_row_set (row, columns[c], text);
            }
        }
    }
  again = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_UPDATE);
  g_assert_cmpstr (again, ==, compact);

  from_json = pb_connection_draft_new_for_json (compact, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, g_free);
  body = pb_connection_draft_dup_body (from_json, PB_DRAFT_BODY_UPDATE);
  g_assert_cmpstr (body, ==, compact);
}

/* Each connection of a fixture (one object, or a list of them); returns how many. */
static guint
round_trip_file (const char *path)
{
  g_autofree char *text = NULL;
  g_autofree char *compact = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbJsonReader) reader = NULL;
  guint n = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  compact = pb_json_text_compact (text, strlen (text), PB_JSON_CHECK_ALLOW_BOM, &error);
  g_assert_no_error (error);
  if (g_str_has_prefix (compact, "{\"href\"") || strstr (compact, "\"items\":[") != NULL)
    {
      reader = pb_json_reader_new (compact, strlen (compact), PB_JSON_CHECK_DEFAULT, &error);
      g_assert_no_error (error);
      for (gboolean more = pb_json_reader_start_object (reader); more;
           more = pb_json_reader_next (reader))
        {
          if (!pb_json_reader_member_is (reader, "items", -1))
            continue;
          for (gboolean item = pb_json_reader_start_array (reader); item;
               item = pb_json_reader_next (reader))
            {
              PbTextSpan span;
              g_autofree char *one = NULL;

              pb_json_reader_get_value_span (reader, &span);
              one = g_strndup (compact + span.start, span.end - span.start);
              assert_round_trip (one);
              n++;
            }
          pb_json_reader_end (reader);
        }
      pb_json_reader_end (reader);
      return n;
    }

  if (strstr (compact, "\"name\":") == NULL || compact[0] != '{')
    return 0; /* not a connection (a test report, a test request) */
  assert_round_trip (compact);
  return 1;
}

static void
test_round_trip_fixtures (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autofree char *demo = g_test_build_filename (G_TEST_DIST, "..", "src", "core",
                                                 "connections.json", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_str_has_suffix (name, ".json") && strstr (name, "report") == NULL
          && strstr (name, "test-connection-request") == NULL)
        n += round_trip_file (path);
    }
  /* The demo data set too. */
  n += round_trip_file (demo);
  g_assert_cmpuint (n, >=, 10);
}

static void
test_round_trip_odd (void)
{
  g_autofree char *json = pb_test_json (ODD_OBJECT);

  assert_round_trip (json);
}

/* Members of the wrong type, twice, escaped or null: each as received. */
static void
test_round_trip_odd_shapes (void)
{
  const char *objects[] = {
    "{'name':'a','auth':null,'request':'GET','customHeaders':{'name':'x'},"
    "'inputMappings':null,'connectionTimeout':'1000','socketTimeout':-1,'revision':-3}",
    "{'name':'a','name':'b','auth':{'authType':1,'useMutualTls':'yes',"
    "'oauthCustomHeaders':[null,[],{'name':2,'value':{'a':1}}]},'archived':'no'}",
    "{'na\\u006de':'\\u00e9\\n\\/','request':{'connectionUrl':null,'requestBody':7},"
    "'urlParameters':{'a':1},'outputMappings':[{'label':null,'type':'String'}],'icon':false}",
    "{'name':'','description':null,'systemType':'OTHER','exampleValue':'{\\'a\\':1}',"
    "'connectionTimeout':1e3,'socketTimeout':10.0}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autofree char *json = pb_test_json (objects[i]);

      assert_round_trip (json);
    }
}

/* Text with white space reads as its compact form. */
static void
test_new_for_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnectionDraft) draft = NULL;

  draft = pb_connection_draft_new_for_json ("\xef\xbb\xbf { \"name\" : \"a b\" ,\n"
                                            "\"revision\": 7, \"n\": [ 1 , 2 ] }", &error);
  g_assert_no_error (error);
  assert_body (draft, PB_DRAFT_BODY_UPDATE, "{'name':'a b','revision':7,'n':[1,2]}");
  g_assert_cmpint (pb_connection_draft_get_base_revision (draft), ==, 7);
  g_assert_null (pb_connection_draft_get_ref (draft));

  g_assert_null (pb_connection_draft_new_for_json ("[1]", &error));
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE);
  g_clear_error (&error);
  g_assert_null (pb_connection_draft_new_for_json ("{\"a\":", &error));
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
}

/* }}} */
/* {{{ Fields */

/* What the user did not change stays, numbers included; a changed member keeps its place. */
static void
test_edit_keeps_unknown (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  guint changed = 0;

  g_signal_connect (draft, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_NAME), ==, "Odd");
  pb_connection_draft_set_text (draft, PB_DRAFT_NAME, "Even");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (pb_connection_draft_is_modified (draft));
  assert_odd_body_with (draft, "'name':'Odd'", "'name':'Even'");

  /* The same text again is no change. */
  pb_connection_draft_set_text (draft, PB_DRAFT_NAME, "Even");
  g_assert_cmpuint (changed, ==, 1);

  /* Back as it was: not modified. */
  pb_connection_draft_set_text (draft, PB_DRAFT_NAME, "Odd");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_false (pb_connection_draft_is_modified (draft));

  /* In auth and request. */
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_ID, "id2");
  assert_odd_body_with (draft, "'clientId':'id'", "'clientId':'id2'");
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_ID, "id");
  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_URL, "https://y.example/${b}");
  assert_odd_body_with (draft, "'connectionUrl':'https://x.example/a'",
                        "'connectionUrl':'https://y.example/${b}'");
}

/* Strings are written as JSON strings, whatever they hold. */
static void
test_edit_escapes (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  const char *text = "a \"quoted\" \\ back\nslash\t\x01 é ☃ </script>";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) connection = NULL;

  pb_connection_draft_set_text (draft, PB_DRAFT_DESCRIPTION, text);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_DESCRIPTION), ==, text);
  assert_odd_body_with (draft, "'zLast':'end'",
                        "'zLast':'end','description':'a \\'quoted\\' \\\\ back\\nslash\\t"
                        "\\u0001 é ☃ </script>'");

  connection = pb_connection_draft_to_connection (draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_description (connection), ==, text);
  g_assert_cmpstr (pb_connection_get_name (connection), ==, "Odd");
}

/* Timeouts are numbers as typed; an empty text removes them; other text is kept for the
 * check to point at. */
static void
test_edit_timeouts (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();

  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_SOCKET_TIMEOUT), ==, "2000");
  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_TIMEOUT, " 2500 ");
  assert_odd_body_with (draft, "'connectionTimeout':1000", "'connectionTimeout':2500");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_CONNECTION_TIMEOUT), ==,
                   " 2500 ");
  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_TIMEOUT, "007");
  assert_odd_body_with (draft, "'connectionTimeout':1000", "'connectionTimeout':7");
  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_TIMEOUT, "");
  assert_odd_body_with (draft, ",'connectionTimeout':1000", "");
  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_TIMEOUT, "1.5s");
  assert_odd_body_with (draft, ",'connectionTimeout':1000,'socketTimeout':2000,'zLast':'end'",
                        ",'socketTimeout':2000,'zLast':'end','connectionTimeout':'1.5s'");
}

static void
test_edit_booleans (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();

  g_assert_false (pb_connection_draft_get_archived (draft));
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_ARCHIVED), ==, "false");
  pb_connection_draft_set_archived (draft, TRUE);
  g_assert_true (pb_connection_draft_get_archived (draft));
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_ARCHIVED), ==, "true");
  assert_odd_body_with (draft, "'archived':false", "'archived':true");
  pb_connection_draft_set_archived (draft, FALSE);
  g_assert_false (pb_connection_draft_is_modified (draft));

  /* A member the object did not have goes last in its object. */
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_USE_MUTUAL_TLS, "true");
  assert_odd_body_with (draft, "'zForm':{}}]}", "'zForm':{}}],'useMutualTls':true}");
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_USE_MUTUAL_TLS, "");
  g_assert_false (pb_connection_draft_is_modified (draft));
}

/* The URL parameters are JSON text: written compact when they are JSON. */
static void
test_edit_url_parameters (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();

  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_URL_PARAMETERS), ==,
                   "[{\"name\":\"p\",\"value\":\"v\",\"zParam\":0}]");
  pb_connection_draft_set_text (draft, PB_DRAFT_URL_PARAMETERS,
                                "[\n  {\"name\": \"q\", \"value\": 1e999}\n]");
  assert_odd_body_with (draft, "'urlParameters':[{'name':'p','value':'v','zParam':0}]",
                        "'urlParameters':[{'name':'q','value':1e999}]");
  pb_connection_draft_set_text (draft, PB_DRAFT_URL_PARAMETERS, "[{");
  assert_odd_body_with (draft, "'urlParameters':[{'name':'p','value':'v','zParam':0}]",
                        "'urlParameters':'[{'");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_URL_PARAMETERS), ==, "[{");
}

/* An object the connection did not have is made, last; emptied again, it goes. */
static void
test_edit_new_nested (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnectionDraft) draft =
    pb_connection_draft_new_for_json ("{\"name\":\"n\",\"revision\":3}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_TYPE), ==, "");
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_TYPE, "NONE");
  pb_connection_draft_set_text (draft, PB_DRAFT_REQUEST_BODY, "{}");
  assert_body (draft, PB_DRAFT_BODY_UPDATE,
               "{'name':'n','revision':3,'auth':{'authType':'NONE'},"
               "'request':{'requestBody':'{}'}}");
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_TYPE, "");
  pb_connection_draft_set_text (draft, PB_DRAFT_REQUEST_BODY, "");
  g_assert_false (pb_connection_draft_is_modified (draft));

  /* An empty text keeps a member that was there. */
  pb_connection_draft_set_text (draft, PB_DRAFT_NAME, "");
  assert_body (draft, PB_DRAFT_BODY_UPDATE, "{'name':'','revision':3}");
}

/* }}} */
/* {{{ Tables */

static PbDraftRow *
row_at (PbConnectionDraft *draft,
        PbDraftTable       table,
        guint              position)
{
  g_autoptr(PbDraftRow) row = g_list_model_get_item (pb_connection_draft_get_table (draft,
                                                                                     table),
                                                      position);

  g_assert_nonnull (row);
  return row; /* the table keeps it */
}

static void
test_tables_read (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  GListModel *headers = pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS);

  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 3);
  g_assert_cmpstr (pb_draft_row_get (row_at (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 1), "name"),
                   ==, "X-Two");
  g_assert_cmpstr (pb_draft_row_get (row_at (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 2), "name"),
                   ==, "");
  g_assert_cmpstr (pb_draft_row_get (row_at (draft, PB_DRAFT_TABLE_INPUT_MAPPINGS, 0), "key"),
                   ==, "k");
  g_assert_cmpstr (pb_draft_row_get (row_at (draft, PB_DRAFT_TABLE_OUTPUT_MAPPINGS, 0),
                                     "outputReference"), ==, "o");
  g_assert_cmpstr (pb_draft_row_get (row_at (draft, PB_DRAFT_TABLE_FORM_ITEMS, 0), "value"),
                   ==, "client_credentials");
  g_assert_cmpstr (pb_draft_row_get (row_at (draft, PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS, 0),
                                     "name"), ==, "A");
  g_assert_cmpstr (pb_draft_row_get (row_at (draft, PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS, 0),
                                     "nothing"), ==, "");
  g_assert_cmpstrv (pb_draft_table_get_columns (PB_DRAFT_TABLE_INPUT_MAPPINGS),
                    ((const char * const[]) { "label", "key", "type", "exampleValue", "mapping",
                                              NULL }));
}

/* A row's value changes in place; its unknown members stay. */
static void
test_tables_edit_row (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  guint changed = 0;

  g_signal_connect (draft, "changed", G_CALLBACK (count_cb), &changed);
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0), "value", "text/plain");
  g_assert_cmpuint (changed, ==, 1);
  assert_odd_body_with (draft, "'value':'application/json'", "'value':'text/plain'");
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0), "value",
                    "application/json");
  g_assert_false (pb_connection_draft_is_modified (draft));

  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_FORM_ITEMS, 0), "value", "password");
  assert_odd_body_with (draft, "'value':'client_credentials'", "'value':'password'");
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_FORM_ITEMS, 0), "value",
                    "client_credentials");
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_INPUT_MAPPINGS, 0), "mapping", "$.x");
  assert_odd_body_with (draft, "'zIn':'i'", "'zIn':'i','mapping':'$.x'");
  g_assert_cmpuint (changed, ==, 5);

  /* A row that was not an object becomes one when edited. */
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_INPUT_MAPPINGS, 0), "mapping", "");
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 2), "name", "N");
  assert_odd_body_with (draft, "'not a row'", "{'name':'N'}");
}

static void
test_tables_rows (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  GListModel *headers = pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS);
  PbDraftRow *row;
  guint changed = 0;

  g_signal_connect (draft, "changed", G_CALLBACK (count_cb), &changed);

  /* Moved: each row with its own members. */
  pb_connection_draft_move_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0, 2);
  g_assert_cmpuint (changed, ==, 1);
  assert_odd_body_with (draft,
                        "[{'name':'Accept','value':'application/json','zHeader':'h1'},"
                        "{'name':'X-Two','value':'2'},'not a row']",
                        "[{'name':'X-Two','value':'2'},'not a row',"
                        "{'name':'Accept','value':'application/json','zHeader':'h1'}]");
  pb_connection_draft_move_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 2, 0);
  g_assert_false (pb_connection_draft_is_modified (draft));

  /* Inserted: all columns, empty. */
  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 1);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 4);
  g_assert_cmpstr (pb_draft_row_get (row, "name"), ==, "");
  pb_draft_row_set (row, "name", "X-New");
  assert_odd_body_with (draft, "'zHeader':'h1'},", "'zHeader':'h1'},{'name':'X-New','value':''},");

  /* Removed. */
  pb_connection_draft_remove_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0);
  assert_odd_body_with (draft, "{'name':'Accept','value':'application/json','zHeader':'h1'},",
                        "{'name':'X-New','value':''},");
  g_assert_cmpuint (changed, ==, 5);

  /* A row kept by someone after it left the table changes nothing. */
  g_object_ref (row);
  pb_connection_draft_remove_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0);
  pb_draft_row_set (row, "name", "Gone");
  g_assert_cmpuint (changed, ==, 6);
  g_object_unref (row);

  /* Every row gone: an empty array. */
  while (g_list_model_get_n_items (headers) > 0)
    pb_connection_draft_remove_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0);
  assert_odd_body_with (draft, "[{'name':'Accept','value':'application/json','zHeader':'h1'},"
                               "{'name':'X-Two','value':'2'},'not a row']", "[]");

  /* A new input mapping. */
  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_INPUT_MAPPINGS, 99);
  g_assert_cmpstr (pb_draft_row_get (row, "type"), ==, "string");
}

/* A table the object did not have is added last, in its object. */
static void
test_tables_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnectionDraft) draft =
    pb_connection_draft_new_for_json ("{\"name\":\"n\",\"auth\":{\"authType\":\"OAUTH\"}}",
                                      &error);
  PbDraftRow *row;

  g_assert_no_error (error);
  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS, 0);
  pb_draft_row_set (row, "name", "X");
  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_OUTPUT_MAPPINGS, 0);
  assert_body (draft, PB_DRAFT_BODY_UPDATE,
               "{'name':'n','auth':{'authType':'OAUTH','oauthCustomHeaders':"
               "[{'name':'X','value':''}]},'outputMappings':"
               "[{'label':'','outputReference':'','type':'string'}]}");
  pb_connection_draft_remove_row (draft, PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS, 0);
  pb_connection_draft_remove_row (draft, PB_DRAFT_TABLE_OUTPUT_MAPPINGS, 0);
  g_assert_false (pb_connection_draft_is_modified (draft));
}

/* }}} */
/* {{{ Bodies */

static void
test_body_create (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();

  assert_body (draft, PB_DRAFT_BODY_CREATE, "{'name':'Odd'," ODD_CONTENT);
  /* The PUT body keeps them. */
  assert_body (draft, PB_DRAFT_BODY_UPDATE, ODD_OBJECT);
}

static void
test_to_connection (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  pb_connection_draft_set_text (draft, PB_DRAFT_REQUEST_TYPE, "POST");
  pb_connection_draft_set_text (draft, PB_DRAFT_SOCKET_TIMEOUT, "3000");
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 1), "value", "3");
  connection = pb_connection_draft_to_connection (draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_request_type (connection), ==, "POST");
  g_assert_cmpint (pb_connection_get_socket_timeout (connection), ==, 3000);
  g_assert_cmpstr (pb_connection_get_ref (connection), ==, "r1");
  g_assert_cmpuint (g_list_model_get_n_items (pb_connection_get_custom_headers (connection)),
                    ==, 2);
  g_clear_object (&connection);

  /* Without a name, it does not read as one. */
  g_clear_object (&draft);
  draft = pb_connection_draft_new_for_json ("{\"description\":\"d\"}", &error);
  g_assert_no_error (error);
  g_assert_null (pb_connection_draft_to_connection (draft, &error));
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE);
}

/* Secret-looking values masked by the one rule, as the offline copy and Copy JSON have them;
 * the rest as the body. */
static void
test_body_masked (void)
{
  g_autofree char *fixture = pb_test_read_fixture ("planted-secrets.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) connection = pb_connection_new_from_data (fixture, -1, &error);
  g_autoptr(PbConnectionDraft) draft = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *created = NULL;
  g_autofree char *body = NULL;

  g_assert_no_error (error);
  draft = pb_connection_draft_new_for_connection (connection);
  masked = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_MASKED);
  exported = pb_export_connection_compact (connection, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (masked, ==, exported);
  g_assert_null (strstr (masked, "planted-SECRET"));
  g_assert_null (strstr (masked, "9876543210"));
  g_assert_nonnull (strstr (masked, "VISIBLE-1"));
  g_assert_nonnull (strstr (masked, "\"clientKey\":\"VISIBLE-2\""));

  /* Unmasked, every planted secret is in the body a write sends. */
  body = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_UPDATE);
  g_assert_cmpstr (body, ==, pb_connection_get_json (connection));
  g_assert_nonnull (strstr (body, "planted-SECRET-12"));

  /* A create body, masked, without the server's members. */
  pb_draft_row_set (row_at (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0), "value", "Bearer typed");
  created = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_CREATE | PB_DRAFT_BODY_MASKED);
  g_assert_null (strstr (created, "planted-SECRET"));
  g_assert_null (strstr (created, "typed"));
  g_assert_null (strstr (created, "\"ref\""));
  g_assert_null (strstr (created, "VISIBLE-2"));
  g_assert_nonnull (strstr (created, "\"Bearer ••••••\""));
}

/* }}} */
/* {{{ New, Duplicate, Restore */

static void
test_new (void)
{
  g_autoptr(PbConnectionDraft) data = pb_connection_draft_new ("DATA_SYSTEM");
  g_autoptr(PbConnectionDraft) destination = pb_connection_draft_new ("DESTINATION");

  g_assert_true (pb_connection_draft_is_new (data));
  g_assert_true (pb_connection_draft_is_modified (data));
  g_assert_null (pb_connection_draft_get_ref (data));
  g_assert_cmpint (pb_connection_draft_get_base_revision (data), ==, -1);
  g_assert_null (pb_connection_draft_get_base_modified_at (data));
  g_assert_cmpstr (pb_connection_draft_get_base_json (data), ==, "{}");
  g_assert_cmpstr (pb_connection_draft_get_text (data, PB_DRAFT_AUTH_TYPE), ==, "NONE");
  g_assert_cmpstr (pb_connection_draft_get_text (data, PB_DRAFT_REQUEST_TYPE), ==, "GET");
  g_assert_cmpstr (pb_connection_draft_get_text (data, PB_DRAFT_SYSTEM_TYPE), ==,
                   "DATA_SYSTEM");
  g_assert_cmpstr (pb_connection_draft_get_text (data, PB_DRAFT_CONNECTION_TIMEOUT), ==,
                   "1000");
  g_assert_cmpstr (pb_connection_draft_get_text (data, PB_DRAFT_SOCKET_TIMEOUT), ==, "1000");
  g_assert_cmpuint (g_list_model_get_n_items (
                      pb_connection_draft_get_table (data, PB_DRAFT_TABLE_CUSTOM_HEADERS)),
                    ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (
                      pb_connection_draft_get_table (data, PB_DRAFT_TABLE_INPUT_MAPPINGS)),
                    ==, 0);

  g_assert_cmpstr (pb_connection_draft_get_text (destination, PB_DRAFT_REQUEST_TYPE), ==,
                   "POST");
  g_assert_cmpstr (pb_draft_row_get (row_at (destination, PB_DRAFT_TABLE_CUSTOM_HEADERS, 2),
                                     "name"), ==, "Content-Type");

  pb_connection_draft_set_text (data, PB_DRAFT_NAME, "Weather");
  pb_connection_draft_set_text (data, PB_DRAFT_CONNECTION_URL, "https://w.example/");
  assert_body (data, PB_DRAFT_BODY_CREATE,
               "{'name':'Weather','description':'','auth':{'authType':'NONE'},"
               "'request':{'requestType':'GET','connectionUrl':'https://w.example/'},"
               "'inputMappings':[],'outputMappings':[],'customHeaders':["
               "{'name':'Accept','value':'application/json'},"
               "{'name':'Accept-Encoding','value':'gzip'}],'urlParameters':[],"
               "'systemType':'DATA_SYSTEM','connectionTimeout':1000,'socketTimeout':1000}");
}

static void
test_duplicate (void)
{
  g_autofree char *json = pb_test_json (ODD_OBJECT);
  g_autoptr(GString) archived = g_string_new (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(PbConnectionDraft) draft = NULL;

  g_string_replace (archived, "\"archived\":false", "\"archived\":true", 1);
  connection = pb_connection_new_from_data (archived->str, -1, &error);
  g_assert_no_error (error);
  draft = pb_connection_draft_new_duplicate (connection);
  g_assert_true (pb_connection_draft_is_new (draft));
  g_assert_null (pb_connection_draft_get_ref (draft));
  g_assert_false (pb_connection_draft_get_archived (draft));
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_NAME), ==, "Copy of Odd");
  g_assert_cmpstr (pb_connection_draft_get_base_json (draft), ==, "{}");
  assert_body (draft, PB_DRAFT_BODY_UPDATE, "{'name':'Copy of Odd'," ODD_CONTENT);
}

/* Another version's content, with the draft's server members. */
static void
test_replace_content (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (draft, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (pb_connection_draft_replace_content (
    draft, "{\"ref\":\"old\",\"name\":\"Older\",\"revision\":1,\"modifiedByUserRef\":\"x\","
           "\"customHeaders\":[{\"name\":\"H\",\"value\":\"v\",\"zOld\":1}],\"zOld\":true}",
    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_NAME), ==, "Older");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_TYPE), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (
                      pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS)),
                    ==, 1);
  assert_body (draft, PB_DRAFT_BODY_UPDATE,
               "{'ref':'r1','name':'Older','revision':18446744073709551616,"
               "'customHeaders':[{'name':'H','value':'v','zOld':1}],'zOld':true,"
               "'clientKey':'ck','href':'h','modifiedByRef':'u',"
               "'modifiedAt':'2025-01-30T22:02:23.401Z'}");
  /* The draft still replaces what it started from. */
  g_assert_cmpstr (pb_connection_draft_get_ref (draft), ==, "r1");
  g_assert_true (pb_connection_draft_is_modified (draft));

  g_assert_false (pb_connection_draft_replace_content (draft, "[]", &error));
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE);
  g_assert_cmpuint (changed, ==, 1);
}

/* }}} */
/* {{{ The client secret */

static void
test_client_secret (void)
{
  g_autoptr(PbConnectionDraft) draft = odd_draft ();
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *masked = NULL;
  guint changed = 0;

  g_signal_connect (draft, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET), ==, "");
  assert_body (draft, PB_DRAFT_BODY_UPDATE, ODD_OBJECT);

  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET, "s3cr\"t");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (pb_connection_draft_is_modified (draft));
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET), ==,
                   "s3cr\"t");
  assert_odd_body_with (draft, "'zForm':{}}]}", "'zForm':{}}],'clientSecret':'s3cr\\'t'}");

  /* Not in the masked body, nor in the connection the Test dialog gets. */
  masked = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_UPDATE | PB_DRAFT_BODY_MASKED);
  g_assert_null (strstr (masked, "s3cr"));
  g_assert_null (strstr (masked, "clientSecret"));
  connection = pb_connection_draft_to_connection (draft, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (pb_connection_get_json (connection), "s3cr"));

  /* Only in what a write sends: the editor's other copies do not have it. */
  pb_connection_draft_set_text (draft, PB_DRAFT_NAME, "Renamed");
  g_clear_pointer (&masked, g_free);
  masked = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_CREATE | PB_DRAFT_BODY_MASKED);
  g_assert_null (strstr (masked, "s3cr"));
  g_assert_null (strstr (pb_connection_draft_get_base_json (draft), "s3cr"));
  pb_connection_draft_set_text (draft, PB_DRAFT_NAME, "Odd");

  /* Emptied: not sent. */
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET, "");
  g_assert_cmpuint (changed, ==, 4);
  g_assert_false (pb_connection_draft_is_modified (draft));
  assert_body (draft, PB_DRAFT_BODY_UPDATE, ODD_OBJECT);
}

/* What holds a secret is wiped before its memory goes back. */
static void
test_wipe (void)
{
  char *text = g_strdup ("s3cret");

  _pb_draft_wipe (text);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (text[i], ==, 0);
  g_free (text);
  _pb_draft_wipe (NULL);
  _pb_draft_free_secret (g_strdup ("s3cret"));
  _pb_draft_free_secret (NULL);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draft/round-trip/fixtures", test_round_trip_fixtures);
  g_test_add_func ("/draft/round-trip/odd", test_round_trip_odd);
  g_test_add_func ("/draft/round-trip/odd-shapes", test_round_trip_odd_shapes);
  g_test_add_func ("/draft/new-for-json", test_new_for_json);
  g_test_add_func ("/draft/edit/keeps-unknown", test_edit_keeps_unknown);
  g_test_add_func ("/draft/edit/escapes", test_edit_escapes);
  g_test_add_func ("/draft/edit/timeouts", test_edit_timeouts);
  g_test_add_func ("/draft/edit/booleans", test_edit_booleans);
  g_test_add_func ("/draft/edit/url-parameters", test_edit_url_parameters);
  g_test_add_func ("/draft/edit/new-nested", test_edit_new_nested);
  g_test_add_func ("/draft/tables/read", test_tables_read);
  g_test_add_func ("/draft/tables/edit-row", test_tables_edit_row);
  g_test_add_func ("/draft/tables/rows", test_tables_rows);
  g_test_add_func ("/draft/tables/new", test_tables_new);
  g_test_add_func ("/draft/body/create", test_body_create);
  g_test_add_func ("/draft/to-connection", test_to_connection);
  g_test_add_func ("/draft/new", test_new);
  g_test_add_func ("/draft/duplicate", test_duplicate);
  g_test_add_func ("/draft/replace-content", test_replace_content);
  g_test_add_func ("/draft/client-secret", test_client_secret);
  g_test_add_func ("/draft/client-secret/wipe", test_wipe);
  g_test_add_func ("/draft/body/masked", test_body_masked);

  return g_test_run ();
}
