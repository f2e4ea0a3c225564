/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-odd-records"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-connection-reader.h"
#include "pb-export.h"
#include "pb-json.h"

/* Odd records (issue 17): a member of the wrong type does not make a page fail; it reads as
 * not set and is listed. A lone surrogate escape reads as U+FFFD and is kept as \ufffd, so that
 * what Plugboard writes of the connection is JSON that every parser reads. */

/* Members of the wrong type: the connection is read, the member reads as missing, and its
 * place is listed (", " between places). */
typedef struct
{
  gboolean    list;
  const char *input;
  guint       index;
  const char *places;
} OddCase;

#define ODD(text, places) { FALSE, text, 0, places }
#define ODD_LIST(text, index, places) { TRUE, text, index, places }

static const OddCase odd_cases[] = {
  ODD_LIST ("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\"},"
        " {\"name\": \"d\", \"auth\": {\"authType\": 5}}]}",
            3, "auth.authType"),
  ODD_LIST ("{\"items\": [{\"name\": \"a\", \"customHeaders\": [{\"name\": \"A\"}, 7]}]}",
            0, "customHeaders[1]"),
  ODD_LIST ("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\", \"inputMappings\":"
        " [{\"label\": \"x\", \"key\": false}]}]}",
            1, "inputMappings[0].key"),
  ODD ("{\"name\": \"a\", \"ref\": 12}",
       "ref"),
  ODD ("{\"name\": \"a\", \"description\": false}",
       "description"),
  ODD ("{\"name\": \"a\", \"auth\": {\"authType\": true}}",
       "auth.authType"),
  ODD ("{\"name\": \"a\", \"auth\": []}",
       "auth"),
  ODD ("{\"name\": \"a\", \"auth\": \"NONE\"}",
       "auth"),
  ODD ("{\"name\": \"a\", \"auth\": {\"clientId\": 1}}",
       "auth.clientId"),
  ODD ("{\"name\": \"a\", \"auth\": {\"accessTokenUrl\": {}}}",
       "auth.accessTokenUrl"),
  ODD ("{\"name\": \"a\", \"auth\": {\"useMutualTls\": 0}}",
       "auth.useMutualTls"),
  ODD ("{\"name\": \"a\", \"auth\": {\"useMutualTls\": \"true\"}}",
       "auth.useMutualTls"),
  ODD ("{\"name\": \"a\", \"auth\": {\"oauthCustomHeaders\": [null]}}",
       "auth.oauthCustomHeaders[0]"),
  ODD ("{\"name\": \"a\", \"auth\": {\"formUrlEncodedItems\": \"x\"}}",
       "auth.formUrlEncodedItems"),
  ODD ("{\"name\": \"a\", \"auth\": {\"formUrlEncodedItems\": [{\"name\": [], \"value\": \"\"}]}}",
       "auth.formUrlEncodedItems[0].name"),
  ODD ("{\"name\": \"a\", \"request\": \"GET\"}",
       "request"),
  ODD ("{\"name\": \"a\", \"request\": {\"requestType\": [\"GET\"]}}",
       "request.requestType"),
  ODD ("{\"name\": \"a\", \"request\": {\"connectionUrl\": 1}}",
       "request.connectionUrl"),
  ODD ("{\"name\": \"a\", \"request\": {\"requestBody\": {\"a\": 1}}}",
       "request.requestBody"),
  ODD ("{\"name\": \"a\", \"revision\": \"1\"}",
       "revision"),
  ODD ("{\"name\": \"a\", \"revision\": 1.5}",
       "revision"),
  ODD ("{\"name\": \"a\", \"revision\": 1e400}",
       "revision"),
  ODD ("{\"name\": \"a\", \"connectionTimeout\": 9223372036854775808}",
       "connectionTimeout"),
  ODD ("{\"name\": \"a\", \"connectionTimeout\": -9223372036854775809}",
       "connectionTimeout"),
  ODD ("{\"name\": \"a\", \"socketTimeout\": true}",
       "socketTimeout"),
  ODD ("{\"name\": \"a\", \"archived\": \"false\"}",
       "archived"),
  ODD ("{\"name\": \"a\", \"archived\": 0}",
       "archived"),
  ODD ("{\"name\": \"a\", \"customHeaders\": {}}",
       "customHeaders"),
  ODD ("{\"name\": \"a\", \"customHeaders\": [{\"name\": \"A\", \"value\": 1}]}",
       "customHeaders[0].value"),
  ODD ("{\"name\": \"a\", \"urlParameters\": \"p=1\"}",
       "urlParameters"),
  ODD ("{\"name\": \"a\", \"inputMappings\": [{\"label\": \"L\", \"type\": {}}]}",
       "inputMappings[0].type"),
  ODD ("{\"name\": \"a\", \"inputMappings\": [{\"exampleValue\": {\"a\": 1}}]}",
       "inputMappings[0].exampleValue"),
  ODD ("{\"name\": \"a\", \"inputMappings\": [{}, {}, {\"mapping\": 3}]}",
       "inputMappings[2].mapping"),
  ODD ("{\"name\": \"a\", \"outputMappings\": [{\"outputReference\": []}]}",
       "outputMappings[0].outputReference"),
  ODD ("{\"name\": \"a\", \"outputMappings\": [[]]}",
       "outputMappings[0]"),
  ODD ("{\"name\": \"a\", \"modifiedAt\": 1751464998347}",
       "modifiedAt"),
  ODD ("{\"name\": \"a\", \"modifiedByRef\": true}",
       "modifiedByRef"),
  ODD ("{\"name\": \"a\", \"modifiedByUserRef\": 1}",
       "modifiedByUserRef"),
  ODD ("{\"name\": \"a\", \"systemType\": null, \"icon\": 2}",
       "icon"),
  ODD ("{\"name\": \"a\", \"systemType\": [\"DESTINATION\"]}",
       "systemType"),
  ODD ("{\"name\": \"a\", \"exampleValue\": {\"a\": 1}}",
       "exampleValue"),
  ODD ("{\"name\": \"a\", \"href\": 1, \"clientKey\": 2}",
       "href, clientKey"),
  ODD ("{\"name\": \"a\", \"revision\": -1}", "revision"),
  ODD ("{\"name\": \"a\", \"revision\": 9223372036854775808}", "revision"),
  ODD ("{\"name\": \"a\", \"connectionTimeout\": 1e19}", "connectionTimeout"),
  ODD ("{\"name\": \"a\", \"connectionTimeout\": \"5000\"}", "connectionTimeout"),
  ODD ("{\"name\": \"a\", \"socketTimeout\": -5}", "socketTimeout"),
  ODD ("{\"name\": \"a\", \"auth\": {\"oauthCustomHeaders\": {}, \"clientId\": 1}}",
       "auth.oauthCustomHeaders, auth.clientId"),
  ODD ("{\"name\": \"a\", \"customHeaders\": [1, {\"name\": 2}, {\"value\": []}]}",
       "customHeaders[0], customHeaders[1].name, customHeaders[2].value"),
};

static void
test_odd_members (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (odd_cases); i++)
    {
      const OddCase *oc = &odd_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(PbConnection) one = NULL;
      g_autofree char *places = NULL;
      PbConnection *c;

      g_test_message ("case %u: %s", i, oc->input);
      if (oc->list)
        {
          list = pb_connection_parse_list (oc->input, -1, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (list->len, ==, oc->index + 1);
          for (guint j = 0; j < oc->index; j++)
            g_assert_false (pb_connection_has_unreadable_fields (list->pdata[j]));
          c = list->pdata[oc->index];
        }
      else
        {
          one = pb_connection_new_from_data (oc->input, -1, &error);
          g_assert_no_error (error);
          c = one;
          g_assert_cmpstr (pb_connection_get_name (c), ==, "a");
        }
      g_assert_true (pb_connection_has_unreadable_fields (c));
      places = g_strjoinv (", ", (char **)pb_connection_get_unreadable_fields (c));
      g_assert_cmpstr (places, ==, oc->places);
      /* Kept as received. */
      g_assert_nonnull (pb_connection_get_json (c));
      if (!oc->list)
        {
          g_autofree char *compact = pb_json_text_compact (oc->input, strlen (oc->input),
                                                           PB_JSON_CHECK_DEFAULT, NULL);

          g_assert_cmpstr (pb_connection_get_json (c), ==, compact);
        }
    }
}

/* A page with one odd record of each kind, between good ones: every connection is read, the
 * odd member is not set and listed, the others are read. */
static void
test_page (void)
{
  const char *page =
    "{\"items\": ["
    "{\"ref\": \"r0\", \"name\": \"good\", \"revision\": 3, \"connectionTimeout\": 100},"
    "{\"ref\": \"r1\", \"name\": \"big revision\", \"revision\": 9223372036854775808,"
    " \"connectionTimeout\": 5000, \"description\": \"d1\"},"
    "{\"ref\": \"r2\", \"name\": \"1e19\", \"revision\": 2, \"connectionTimeout\": 1e19,"
    " \"socketTimeout\": 7},"
    "{\"ref\": \"r3\", \"name\": \"1.5\", \"revision\": 4, \"socketTimeout\": 1.5,"
    " \"archived\": true},"
    "{\"ref\": \"r4\", \"name\": \"text\", \"connectionTimeout\": \"5000\", \"socketTimeout\": 9},"
    "{\"ref\": \"r5\", \"name\": \"negative\", \"revision\": -3, \"icon\": \"i5\"},"
    "{\"ref\": \"r6\", \"name\": \"archived\", \"archived\": \"yes\", \"revision\": 6},"
    "{\"ref\": \"r7\", \"name\": \"auth\", \"auth\": \"BASIC\","
    " \"request\": {\"requestType\": \"GET\"}},"
    "{\"ref\": \"r8\", \"name\": \"request\", \"request\": [1],"
    " \"auth\": {\"authType\": \"NONE\"}},"
    "{\"ref\": \"r9\", \"name\": \"table\", \"customHeaders\": {\"A\": \"b\"},"
    " \"urlParameters\": [{\"name\": \"p\", \"value\": \"1\"}]},"
    "{\"ref\": \"r10\", \"name\": \"rows\","
    " \"customHeaders\": [{\"name\": \"A\", \"value\": \"1\"}, \"B: 2\","
    " {\"name\": \"C\", \"value\": 3}]},"
    "{\"ref\": 11, \"name\": \"ref\"},"
    "{\"ref\": \"r12\", \"name\": \"lone \\ud800\"}"
    "]}";
  static const char * const places[] = {
    "", "revision", "connectionTimeout", "socketTimeout", "connectionTimeout", "revision",
    "archived", "auth", "request", "customHeaders", "customHeaders[1], customHeaders[2].value",
    "ref", "",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint n_odd = 0;
  GListModel *headers;
  g_autofree char *note = NULL;

  list = pb_connection_parse_list (page, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (places));

  for (guint i = 0; i < list->len; i++)
    {
      PbConnection *c = list->pdata[i];
      g_autofree char *listed = g_strjoinv (", ", (char **)pb_connection_get_unreadable_fields (c));

      g_test_message ("item %u: %s", i, pb_connection_get_name (c));
      g_assert_cmpstr (listed, ==, places[i]);
      g_assert_cmpint (pb_connection_has_unreadable_fields (c), ==, places[i][0] != '\0');
      n_odd += pb_connection_has_unreadable_fields (c);
    }

  /* The odd member is not set, the others are read. */
  g_assert_cmpint (pb_connection_get_revision (list->pdata[0]), ==, 3);
  g_assert_cmpint (pb_connection_get_revision (list->pdata[1]), ==, -1);
  g_assert_cmpint (pb_connection_get_connection_timeout (list->pdata[1]), ==, 5000);
  g_assert_cmpstr (pb_connection_get_description (list->pdata[1]), ==, "d1");
  g_assert_cmpint (pb_connection_get_connection_timeout (list->pdata[2]), ==, -1);
  g_assert_cmpint (pb_connection_get_revision (list->pdata[2]), ==, 2);
  g_assert_cmpint (pb_connection_get_socket_timeout (list->pdata[2]), ==, 7);
  g_assert_cmpint (pb_connection_get_socket_timeout (list->pdata[3]), ==, -1);
  g_assert_true (pb_connection_get_archived (list->pdata[3]));
  g_assert_cmpint (pb_connection_get_connection_timeout (list->pdata[4]), ==, -1);
  g_assert_cmpint (pb_connection_get_socket_timeout (list->pdata[4]), ==, 9);
  g_assert_cmpint (pb_connection_get_revision (list->pdata[5]), ==, -1);
  g_assert_cmpstr (pb_connection_get_icon (list->pdata[5]), ==, "i5");
  g_assert_false (pb_connection_get_archived (list->pdata[6]));
  g_assert_cmpint (pb_connection_get_revision (list->pdata[6]), ==, 6);
  g_assert_null (pb_connection_get_auth_type (list->pdata[7]));
  g_assert_cmpstr (pb_connection_get_request_type (list->pdata[7]), ==, "GET");
  g_assert_null (pb_connection_get_request_type (list->pdata[8]));
  g_assert_cmpint (pb_connection_get_auth_kind (list->pdata[8]), ==, PB_AUTH_KIND_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (pb_connection_get_custom_headers (list->pdata[9])),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_connection_get_url_parameters (list->pdata[9])),
                    ==, 1);
  /* Rows: the one that is not a row is left out, the odd member of the other not set. */
  headers = pb_connection_get_custom_headers (list->pdata[10]);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 2);
  {
    g_autoptr(PbNameValue) a = g_list_model_get_item (headers, 0);
    g_autoptr(PbNameValue) c = g_list_model_get_item (headers, 1);

    g_assert_cmpstr (pb_name_value_get_value (a), ==, "1");
    g_assert_cmpstr (pb_name_value_get_name (c), ==, "C");
    g_assert_null (pb_name_value_get_value (c));
  }
  g_assert_null (pb_connection_get_ref (list->pdata[11]));
  g_assert_cmpstr (pb_connection_get_name (list->pdata[12]), ==, "lone \xef\xbf\xbd");

  /* Kept as received. */
  g_assert_nonnull (strstr (pb_connection_get_json (list->pdata[1]),
                            "\"revision\":9223372036854775808"));
  g_assert_nonnull (strstr (pb_connection_get_json (list->pdata[4]),
                            "\"connectionTimeout\":\"5000\""));

  /* The note of the window. */
  g_assert_cmpuint (n_odd, ==, 11);
  note = pb_connection_describe_unreadable (n_odd);
  g_assert_cmpstr (note, ==, "11 connections have fields Plugboard cannot read");
  g_clear_pointer (&note, g_free);
  note = pb_connection_describe_unreadable (1);
  g_assert_cmpstr (note, ==, "1 connection has fields Plugboard cannot read");
}

/* A connection that held a lone surrogate escape exports, alone and in a list: valid UTF-8,
 * \ufffd in place of the escape, read back the same. */
static void
test_lone_surrogate_exports (void)
{
  const char *page = "{\"items\": [{\"ref\": \"a\", \"name\": \"x\\ud800y\","
                     " \"request\": {\"requestBody\": \"{\\\"k\\\": \\\"\\\\udc00\\\"}\"},"
                     " \"customHeaders\": [{\"name\": \"H\", \"value\": \"\\udbff!\"}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pb_connection_parse_list (page, -1, &error);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *one = NULL;
  g_autofree char *all = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *body = NULL;
  PbConnection *c;

  g_assert_no_error (error);
  c = list->pdata[0];
  g_assert_false (pb_connection_has_unreadable_fields (c));
  g_assert_cmpstr (pb_connection_get_name (c), ==, "x\xef\xbf\xbdy");
  /* The body is a text of JSON that itself holds a lone escape: the text is the body's as
   * sent; what Plugboard prints of it has \ufffd. */
  g_assert_cmpstr (pb_connection_get_request_body (c), ==, "{\"k\": \"\\udc00\"}");
  body = pb_json_text_pretty (pb_connection_get_request_body (c));
  g_assert_cmpstr (body, ==, "{\n  \"k\": \"\\ufffd\"\n}");
  g_assert_null (strstr (pb_connection_get_json (c), "\\ud800"));
  g_assert_null (strstr (pb_connection_get_json (c), "\\udbff"));

  for (guint secrets = 0; secrets < 2; secrets++)
    {
      g_clear_pointer (&one, g_free);
      g_clear_pointer (&all, g_free);
      one = pb_export_connection (c, secrets, &error);
      g_assert_no_error (error);
      all = pb_export_connections (list, secrets, &error);
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (one, -1, NULL));
      g_assert_true (g_utf8_validate (all, -1, NULL));
      g_assert_null (strstr (all, "\\ud800"));
      g_assert_true (pb_json_text_check (all, strlen (all), PB_JSON_CHECK_DEFAULT, NULL));
    }

  again = pb_connection_parse_list (all, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_name (again->pdata[0]), ==, "x\xef\xbf\xbdy");

  pretty = pb_connection_dup_json_pretty (c);
  g_assert_true (g_utf8_validate (pretty, -1, NULL));
  g_assert_nonnull (strstr (pretty, "\"x\\ufffdy\""));
}

/* A value read as missing is exported as received: Raw JSON, Copy JSON and Export All show
 * and write the number of the server, not what a C type makes of it. */
static void
test_odd_values_export (void)
{
  const char *page = "{\"items\": [{\"ref\": \"a\", \"name\": \"x\","
                     " \"revision\": 18446744073709551616, \"connectionTimeout\": 1e19,"
                     " \"socketTimeout\": 1.50, \"n\": -0.0E+0}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pb_connection_parse_list (page, -1, &error);
  PbConnection *c;

  g_assert_no_error (error);
  c = list->pdata[0];
  g_assert_true (pb_connection_has_unreadable_fields (c));

  for (guint secrets = 0; secrets < 2; secrets++)
    {
      g_autofree char *one = pb_export_connection (c, secrets, &error);
      g_autofree char *all = NULL;

      g_assert_no_error (error);
      all = pb_export_connections (list, secrets, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < 2; i++)
        {
          const char *text = i == 0 ? one : all;

          g_assert_nonnull (strstr (text, "\"revision\": 18446744073709551616,"));
          g_assert_nonnull (strstr (text, "\"connectionTimeout\": 1e19,"));
          g_assert_nonnull (strstr (text, "\"socketTimeout\": 1.50,"));
          g_assert_nonnull (strstr (text, "\"n\": -0.0E+0\n"));
          g_assert_true (g_str_has_suffix (text, "}\n"));
        }
      g_assert_true (g_str_has_prefix (one, "{\n  \"ref\": \"a\",\n"));
      g_assert_true (g_str_has_prefix (all, "{\n  \"items\": [\n    {\n      \"ref\": \"a\","));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/odd-records/members", test_odd_members);
  g_test_add_func ("/odd-records/page", test_page);
  g_test_add_func ("/odd-records/lone-surrogate-exports", test_lone_surrogate_exports);
  g_test_add_func ("/odd-records/odd-values-export", test_odd_values_export);

  return g_test_run ();
}
