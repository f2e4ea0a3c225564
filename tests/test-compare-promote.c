/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compare two accounts (pb-compare.h), the rest: the bodies that promote a connection (create
 * and update, the client secret), importing an exported file as the source, and the two demo
 * data sets (staging and production) with the differences they are made to show. */
#define G_LOG_DOMAIN "test-compare-promote"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pb-compare.h"
#include "pb-connection-reader.h"
#include "pb-demo-server.h"
#include "pb-diff.h"
#include "pb-export.h"
#include "pb-secret.h"
#include "pb-test-compare.h"
#include "pb-test-http.h"
#include "pb-test-util.h"

/* {{{ Promote */

#define SOURCE_JSON \
  "{'ref':'s','revision':2,'modifiedAt':'A','modifiedByRef':'us','clientKey':'SK','name':'N'," \
  "'description':'new','auth':{'authType':'NONE'}," \
  "'request':{'requestType':'GET','connectionUrl':'https://new'}," \
  "'futureField':{'x':1,'big':18446744073709551616}}"

#define TARGET_JSON \
  "{'ref':'t','href':'h/t','clientKey':'TK','name':'N','description':'old','revision':7," \
  "'modifiedAt':'B','modifiedByRef':'ut','auth':{'authType':'NONE'}," \
  "'request':{'requestType':'GET','connectionUrl':'https://old'},'notes':'keep me'}"

static void
assert_json (const char *actual,
             const char *expected_single_quoted)
{
  g_autofree char *expected = pb_test_json (expected_single_quoted);

  g_assert_cmpstr (actual, ==, expected);
}

static void
test_promote_create (void)
{
  g_autoptr(PbConnection) source = pb_test_compare_connection (SOURCE_JSON);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  body = pb_promote_create_body (source, NULL, PB_PROMOTE_DEFAULT, &error);
  g_assert_no_error (error);
  /* No server field; the unknown member travels exactly, its big number too. */
  assert_json (body, "{'name':'N','description':'new','auth':{'authType':'NONE'},"
                     "'request':{'requestType':'GET','connectionUrl':'https://new'},"
                     "'futureField':{'x':1,'big':18446744073709551616}}");
  g_assert_false (pb_promote_needs_client_secret (source));
}

static void
test_promote_update (void)
{
  g_autoptr(PbConnection) source = pb_test_compare_connection (SOURCE_JSON);
  g_autoptr(PbConnection) target = pb_test_compare_connection (TARGET_JSON);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) kept = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  body = pb_promote_update_body (source, target, NULL, PB_PROMOTE_DEFAULT, &kept, &error);
  g_assert_no_error (error);
  /* The target's object: its server fields and its own "notes" stay, in its order; the
   * source's content replaces the rest; the source's unknown member comes last. */
  assert_json (body, "{'ref':'t','href':'h/t','clientKey':'TK','name':'N','description':'new',"
                     "'revision':7,'modifiedAt':'B','modifiedByRef':'ut',"
                     "'auth':{'authType':'NONE'},"
                     "'request':{'requestType':'GET','connectionUrl':'https://new'},"
                     "'notes':'keep me','futureField':{'x':1,'big':18446744073709551616}}");
  joined = g_strjoinv (",", kept);
  g_assert_cmpstr (joined, ==, "ref,href,clientKey,revision,modifiedAt,modifiedByRef,notes");

  /* What the preview shows against the target: only the content. */
  entries = pb_diff_connections (pb_connection_get_json (target), body, PB_DIFF_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);

  /* kept may be NULL. */
  g_clear_pointer (&body, g_free);
  body = pb_promote_update_body (source, target, NULL, PB_PROMOTE_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
}

#define OAUTH_SOURCE_JSON \
  "{'ref':'o','name':'Token Service','auth':{'authType':'OAUTH','clientId':'cid'," \
  "'accessTokenUrl':'https://auth.example.com/token','clientSecret':'" PB_SECRET_MASK "'}," \
  "'request':{'requestType':'GET','connectionUrl':'https://api.example.com'}," \
  "'customHeaders':[{'name':'X-Api-Key','value':'k-123'}]}"

#define OAUTH_TARGET_JSON \
  "{'ref':'p','revision':4,'name':'Token Service','auth':{'authType':'OAUTH','clientId':'old'," \
  "'accessTokenUrl':'https://auth.example.com/token'}," \
  "'request':{'requestType':'GET','connectionUrl':'https://api.example.com'}}"

static void
test_promote_client_secret (void)
{
  g_autoptr(PbConnection) source = pb_test_compare_connection (OAUTH_SOURCE_JSON);
  g_autoptr(PbConnection) target = pb_test_compare_connection (OAUTH_TARGET_JSON);
  g_autoptr(PbConnection) lower = NULL;
  g_autoptr(GError) error = NULL;
  char *body;

  g_assert_true (pb_promote_needs_client_secret (source));
  lower = pb_test_compare_connection ("{'name':'x','auth':{'authType':'oauth'}}");
  g_assert_true (pb_promote_needs_client_secret (lower));

  /* No choice made: a sentence that names the connection. */
  body = pb_promote_create_body (source, NULL, PB_PROMOTE_DEFAULT, &error);
  g_assert_null (body);
  g_assert_error (error, PB_COMPARE_ERROR, PB_COMPARE_ERROR_CLIENT_SECRET_NEEDED);
  g_assert_nonnull (strstr (error->message, "“Token Service”"));
  g_clear_error (&error);
  body = pb_promote_update_body (source, target, "", PB_PROMOTE_DEFAULT, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, PB_COMPARE_ERROR, PB_COMPARE_ERROR_CLIENT_SECRET_NEEDED);
  g_clear_error (&error);

  /* Typed: sent as auth.clientSecret; the export's mask the source held is not. */
  body = pb_promote_create_body (source, "typed-s3cret", PB_PROMOTE_DEFAULT, &error);
  g_assert_no_error (error);
  assert_json (body, "{'name':'Token Service','auth':{'authType':'OAUTH','clientId':'cid',"
                     "'accessTokenUrl':'https://auth.example.com/token',"
                     "'clientSecret':'typed-s3cret'},"
                     "'request':{'requestType':'GET','connectionUrl':'https://api.example.com'},"
                     "'customHeaders':[{'name':'X-Api-Key','value':'k-123'}]}");
  g_free (body);
  body = pb_promote_update_body (source, target, "typed-s3cret", PB_PROMOTE_DEFAULT, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "\"clientSecret\":\"typed-s3cret\""));
  g_assert_nonnull (strstr (body, "\"ref\":\"p\",\"revision\":4"));
  g_free (body);

  /* Knowingly without: no clientSecret at all (on update the target keeps its own). */
  body = pb_promote_update_body (source, target, NULL, PB_PROMOTE_WITHOUT_CLIENT_SECRET, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_null (strstr (body, "clientSecret"));
  g_assert_nonnull (strstr (body, "\"clientId\":\"cid\""));
  g_free (body);
  body = pb_promote_create_body (source, NULL, PB_PROMOTE_WITHOUT_CLIENT_SECRET, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (body, "clientSecret"));
  g_free (body);

  /* The preview's body: masked, never the typed secret. */
  body = pb_promote_create_body (source, "typed-s3cret", PB_PROMOTE_MASKED, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (body, "typed-s3cret"));
  g_assert_null (strstr (body, "k-123"));
  g_assert_nonnull (strstr (body, "\"X-Api-Key\",\"value\":\"" PB_SECRET_MASK "\""));
  g_free (body);
}

/* }}} */
/* {{{ Import */

static GPtrArray *
import_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *connections = pb_compare_import (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (connections);
  return connections;
}

static void
test_import_single (void)
{
  g_autoptr(PbConnection) original = pb_test_compare_connection (SOURCE_JSON);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = pb_export_connection (original, FALSE, &error);
  g_autoptr(GPtrArray) connections = NULL;
  PbConnection *imported;

  g_assert_no_error (error);
  connections = import_ok (exported);
  g_assert_cmpuint (connections->len, ==, 1);
  imported = g_ptr_array_index (connections, 0);
  g_assert_cmpstr (pb_connection_get_name (imported), ==, "N");
  g_assert_cmpstr (pb_connection_get_json (imported), ==, pb_connection_get_json (original));
}

static void
test_import_list (void)
{
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) flags = NULL;

  g_ptr_array_add (originals, pb_test_compare_connection (SOURCE_JSON));
  g_ptr_array_add (originals, pb_test_compare_connection (OAUTH_SOURCE_JSON));
  exported = pb_export_connections (originals, FALSE, &error);
  g_assert_no_error (error);

  connections = import_ok (exported);
  g_assert_cmpuint (connections->len, ==, 2);
  g_assert_cmpstr (pb_connection_get_name (connections->pdata[1]), ==, "Token Service");
  /* The export masked the header's value: the flags say so before anything is copied. */
  flags = pb_compare_find_self_references (connections->pdata[1], NULL, NULL);
  g_assert_cmpuint (flags->len, ==, 2);
  g_assert_cmpstr (((PbSelfReference *) flags->pdata[0])->path, ==, "auth.clientSecret");
  g_assert_cmpstr (((PbSelfReference *) flags->pdata[1])->path, ==,
                   "customHeaders[X-Api-Key].value");
}

static void
test_import_bad (void)
{
  static const struct
  {
    const char *text;
    const char *says;
  } cases[] = {
    { "", "not JSON" },
    { "name: x", "not JSON" },
    { "{\"name\": \"x\",", "not JSON" },
    { "[{\"name\": \"x\"}]", "neither" },
    { "\"a string\"", "neither" },
    { "{\"access_token\": \"abc\"}", "neither" },
    { "{\"items\": {}}", "neither" },
    { "{\"items\": []}", "no connections" },
    { "{\"items\": [{\"name\": \"ok\"}, {\"description\": \"no name\"}]}", "incomplete" },
    { "{\"items\": [42]}", "incomplete" },
    { "{\"name\": 42}", "incomplete" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) connections = NULL;

      connections = pb_compare_import (cases[i].text, strlen (cases[i].text), &error);
      g_assert_null (connections);
      g_assert_error (error, PB_COMPARE_ERROR, PB_COMPARE_ERROR_NOT_AN_EXPORT);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("Importing %s says “%s”", cases[i].text, error->message);
      g_assert_true (g_str_has_suffix (error->message, "."));
    }
}

static void
test_import_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GListModel) model = NULL;
  g_auto(PbTestWaiter) waiter = { NULL, };
  g_autofree char *json = pb_test_json ("{'items':[" SOURCE_JSON "," TARGET_JSON "]}");
  int fd;

  fd = g_file_open_tmp ("test-compare-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  file = g_file_new_for_path (path);

  pb_compare_import_file_async (file, NULL, pb_test_waiter_cb, &waiter);
  model = pb_compare_import_file_finish (pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (g_list_model_get_item_type (model) == PB_TYPE_CONNECTION);
  pb_test_waiter_clear (&waiter);

  /* A file that is not there: GIO's error. */
  g_unlink (path);
  pb_compare_import_file_async (file, NULL, pb_test_waiter_cb, &waiter);
  g_assert_null (pb_compare_import_file_finish (pb_test_waiter_wait (&waiter), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* }}} */
/* {{{ The demo data sets */

/* The connections a demo server with `data_set` answers, as a GListStore. */
static GListStore *
demo_list (PbDemoDataSet data_set)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autofree char *url = NULL;
  PbTestAnswer *answer;
  GListStore *store;
  gsize length;
  const char *data;

  if (data_set != PB_DEMO_DATA_SET_STAGING)
    pb_demo_server_load_data_set (server, data_set);
  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  url = g_strconcat (pb_demo_server_get_base_url (server), "/v2/connections?limit=100", NULL);
  answer = pb_test_http_send (session, "GET", url, pb_demo_server_get_token (server), NULL,
                              NULL);
  g_assert_cmpuint (answer->status, ==, 200);
  data = g_bytes_get_data (answer->body, &length);
  connections = pb_connection_parse_list (data, length, &error);
  g_assert_no_error (error);
  pb_test_answer_free (answer);
  /* The client hangs up first, as in pb_test_demo_tear_down(). */
  soup_session_abort (session);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  pb_demo_server_stop (server);

  store = g_list_store_new (PB_TYPE_CONNECTION);
  g_list_store_splice (store, 0, 0, connections->pdata, connections->len);
  return store;
}

static void
assert_group (PbCompare      *compare,
              const char     *name,
              PbCompareGroup  group)
{
  PbComparePair *pair = pb_test_compare_get (compare, name);

  if (pb_compare_pair_get_group (pair) != group)
    g_error ("“%s” is in group %d, not %d", name, pb_compare_pair_get_group (pair), group);
}

static void
test_demo_data_sets (void)
{
  g_autoptr(GListStore) staging = demo_list (PB_DEMO_DATA_SET_STAGING);
  g_autoptr(GListStore) production = demo_list (PB_DEMO_DATA_SET_PRODUCTION);
  g_autoptr(PbCompare) compare = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  g_auto(GStrv) kept = NULL;
  g_autofree char *body = NULL;
  PbComparePair *pair;
  PbSelfReference *flag;

  /* The default data set is still the one of two dozen. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 24);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (production)), ==, 22);

  compare = pb_compare_new (G_LIST_MODEL (staging), G_LIST_MODEL (production));
  pb_compare_set_source_base_url (compare, "https://api-engage-eu.sitecorecloud.io");
  pb_test_compare_wait (compare);

  counts = pb_test_compare_counts (compare);
  g_assert_cmpstr (counts, ==, "4/2/5/15");

  assert_group (compare, "Team Chat Alert – VIP Arrival", PB_COMPARE_GROUP_ONLY_IN_SOURCE);
  assert_group (compare, "Shipment Tracking", PB_COMPARE_GROUP_ONLY_IN_SOURCE);
  assert_group (compare, "NPS Survey Response (v1)", PB_COMPARE_GROUP_ONLY_IN_SOURCE);
  assert_group (compare, "Currency Exchange Rates", PB_COMPARE_GROUP_ONLY_IN_SOURCE);
  assert_group (compare, "FX Rates (ECB)", PB_COMPARE_GROUP_ONLY_IN_TARGET);
  assert_group (compare, "Push Notification (new provider)", PB_COMPARE_GROUP_ONLY_IN_TARGET);
  assert_group (compare, "Loyalty Points Balance", PB_COMPARE_GROUP_DIFFERENT);
  assert_group (compare, "Transactional Email", PB_COMPARE_GROUP_DIFFERENT);
  assert_group (compare, "Stock Availability", PB_COMPARE_GROUP_DIFFERENT);
  assert_group (compare, "First web service", PB_COMPARE_GROUP_DIFFERENT);
  assert_group (compare, "Store Locator", PB_COMPARE_GROUP_DIFFERENT);
  /* Members in reverse order, other server fields: identical. */
  assert_group (compare, "Weather Data System", PB_COMPARE_GROUP_IDENTICAL);

  /* What differs is what the data set says. */
  entries = pb_compare_pair_dup_differences (pb_test_compare_get (compare, "Loyalty Points Balance"),
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((PbDiffEntry *) entries->pdata[0])->path, ==, "request.connectionUrl");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = pb_compare_pair_dup_differences (pb_test_compare_get (compare, "Stock Availability"),
                                             &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((PbDiffEntry *) entries->pdata[0])->path, ==,
                   "inputMappings[storeId].mapping");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = pb_compare_pair_dup_differences (pb_test_compare_get (compare, "Transactional Email"),
                                             &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((PbDiffEntry *) entries->pdata[0])->path, ==,
                   "customHeaders[Content-Type].value");
  g_clear_pointer (&entries, g_ptr_array_unref);
  /* Production's own "notes" is no difference a copy fixes: it is kept. */
  entries = pb_compare_pair_dup_kept (pb_test_compare_get (compare, "Transactional Email"));
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((PbDiffEntry *) entries->pdata[0])->path, ==, "notes");
  g_assert_cmpint (((PbDiffEntry *) entries->pdata[0])->kind, ==, PB_DIFF_REMOVED);

  /* Promoting keeps production's own "notes". */
  pair = pb_test_compare_get (compare, "Transactional Email");
  body = pb_promote_update_body (pb_compare_pair_get_source (pair),
                                 pb_compare_pair_get_target (pair), NULL, PB_PROMOTE_DEFAULT,
                                 &kept, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) kept, "notes"));
  g_assert_nonnull (strstr (body, "Production only"));

  /* The self-reference: staging's own decision model, on staging's own API host. */
  pair = pb_test_compare_get (compare, "First web service");
  g_assert_cmpuint (pb_compare_pair_get_n_self_references (pair), >=, 2);
  flags = pb_compare_dup_self_references (compare, pair);
  flag = NULL;
  for (guint i = 0; i < flags->len; i++)
    {
      PbSelfReference *f = flags->pdata[i];

      if (f->kind == PB_SELF_REFERENCE_UUID)
        flag = f;
    }
  g_assert_nonnull (flag);
  g_assert_cmpstr (flag->path, ==, "request.connectionUrl");
  g_assert_nonnull (strstr (flag->reason, "36b56832-e5b4-46ac-856d-7ae2dd26e94c"));
  /* No other staging connection points at staging itself. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (compare)); i++)
    {
      g_autoptr(PbComparePair) other = g_list_model_get_item (G_LIST_MODEL (compare), i);

      if (other != pair && pb_compare_pair_get_n_self_references (other) > 0)
        g_error ("“%s” has self-references", pb_compare_pair_get_name (other));
    }

  /* The renamed one, paired by hand: different (its name). */
  g_assert_true (pb_compare_pair_by_hand (compare,
                                          pb_compare_pair_get_source (pb_test_compare_get (compare, "Currency Exchange Rates")),
                                          pb_compare_pair_get_target (pb_test_compare_get (compare, "FX Rates (ECB)"))));
  pb_test_compare_wait (compare);
  g_clear_pointer (&counts, g_free);
  counts = pb_test_compare_counts (compare);
  g_assert_cmpstr (counts, ==, "3/1/6/15");
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/promote/create", test_promote_create);
  g_test_add_func ("/compare/promote/update", test_promote_update);
  g_test_add_func ("/compare/promote/client-secret", test_promote_client_secret);
  g_test_add_func ("/compare/import/single", test_import_single);
  g_test_add_func ("/compare/import/list", test_import_list);
  g_test_add_func ("/compare/import/bad", test_import_bad);
  g_test_add_func ("/compare/import/file", test_import_file);
  g_test_add_func ("/compare/demo/data-sets", test_demo_data_sets);

  return g_test_run ();
}
