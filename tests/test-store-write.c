/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's writes against the demo server: an update that replaces the object in the list,
 * a conflict that sends nothing, overwriting, a create, the offline copy, errors, and a
 * connection that drops after the write was sent (done, not done, cannot tell). */
#define G_LOG_DOMAIN "test-store-write"

#include "config.h"

#include <string.h>

#include "pb-cache.h"
#include "pb-client.h"
#include "pb-connection.h"
#include "pb-connection-store.h"
#include "pb-history.h"
#include "pb-private-file.h"
#include "pb-test-http.h"
#include "pb-test-util.h"

typedef struct
{
  PbTestDemo         demo;
  PbClient          *client;
  PbConnectionStore *store;
  guint              n_values_changed;
  PbHistoryReason    reason;            /* of the updates */
} Fixture;

static void
values_changed_cb (Fixture *fixture)
{
  fixture->n_values_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;

  pb_test_demo_set_up (&fixture->demo, NULL);
  fixture->client = pb_client_new (pb_demo_server_get_base_url (fixture->demo.server));
  pb_client_set_access_token (fixture->client, PB_TEST_DEMO_TOKEN);
  fixture->store = pb_connection_store_new (fixture->client, data);
  g_signal_connect_swapped (fixture->store, "values-changed",
                            G_CALLBACK (values_changed_cb), fixture);

  pb_connection_store_refresh_async (fixture->store, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_connection_store_refresh_finish (fixture->store,
                                                     pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), >, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pb_test_assert_finalized (fixture->store);
  pb_test_assert_finalized (fixture->client);
  pb_test_demo_tear_down (&fixture->demo, NULL);
}

/* {{{ Helpers */

static PbConnection *
item (PbConnectionStore *store,
      guint              position)
{
  PbConnection *connection = g_list_model_get_item (G_LIST_MODEL (store), position);

  /* The store keeps it. */
  g_object_unref (connection);
  return connection;
}

/* The connection's JSON with `member` set to the string `value` (NULL: removed), and the
 * server's members left out when `for_create`. */
static char *
edited (PbConnection *connection,
        const char   *member,
        const char   *value,
        gboolean      for_create)
{
  static const char *const server_fields[] = {
    "ref", "href", "clientKey", "revision", "modifiedAt", "modifiedByRef", "modifiedByUserRef",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, pb_connection_get_json (connection), -1,
                                             &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_remove_member (object, member);
  for (guint i = 0; for_create && i < G_N_ELEMENTS (server_fields); i++)
    if (json_object_has_member (object, server_fields[i]))
      json_object_remove_member (object, server_fields[i]);

  return pb_test_json_to_string (object);
}

typedef struct
{
  PbConnection *connection;
  char         *current_json;
  GError       *error;
} WriteResult;

static void
write_result_clear (WriteResult *result)
{
  g_clear_object (&result->connection);
  g_clear_pointer (&result->current_json, g_free);
  g_clear_error (&result->error);
}

static void
update (Fixture           *fixture,
        const char        *ref,
        const char        *base_json,
        const char        *body_json,
        PbStoreWriteFlags  flags,
        WriteResult       *result)
{
  g_auto(PbTestWaiter) waiter = { NULL };

  pb_connection_store_update_async (fixture->store, ref, base_json, body_json, fixture->reason,
                                    flags, NULL, pb_test_waiter_cb, &waiter);
  result->connection = pb_connection_store_update_finish (fixture->store,
                                                          pb_test_waiter_wait (&waiter),
                                                          &result->current_json,
                                                          &result->error);
  g_assert_true ((result->connection == NULL) != (result->error == NULL));
}

static void
create (Fixture     *fixture,
        const char  *body_json,
        WriteResult *result)
{
  g_auto(PbTestWaiter) waiter = { NULL };

  pb_connection_store_create_async (fixture->store, body_json, NULL, pb_test_waiter_cb,
                                    &waiter);
  result->connection = pb_connection_store_create_finish (fixture->store,
                                                          pb_test_waiter_wait (&waiter),
                                                          &result->current_json,
                                                          &result->error);
  g_assert_true ((result->connection == NULL) != (result->error == NULL));
}

/* What the server has now. */
static JsonObject *
server_version (Fixture     *fixture,
                const char  *ref,
                PbTestAnswer **answer)
{
  g_autofree char *path = g_strconcat ("/v2/connections/", ref, NULL);

  *answer = pb_test_demo_request (&fixture->demo, "GET", path, NULL);
  g_assert_cmpuint ((*answer)->status, ==, 200);
  return pb_test_answer_object (*answer);
}

/* }}} */
/* {{{ Update */

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  PbConnection *shown = item (fixture->store, 1);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "description", "New words – ünïcode", FALSE);
  gint64 revision = pb_connection_get_revision (shown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
  WriteResult result = { 0 };

  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_no_error (result.error);
  g_assert_null (result.current_json);
  /* The same object, in place, now at the new revision. */
  g_assert_true (result.connection == shown);
  g_assert_true (item (fixture->store, 1) == shown);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
  g_assert_cmpint (pb_connection_get_revision (shown), ==, revision + 1);
  g_assert_cmpstr (pb_connection_get_description (shown), ==, "New words – ünïcode");
  g_assert_cmpuint (fixture->n_values_changed, >, 0);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 1);
  write_result_clear (&result);
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  PbConnection *shown = item (fixture->store, 0);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "name", "Mine", FALSE);
  gint64 revision = pb_connection_get_revision (shown);
  g_autoptr(PbConnection) current = NULL;
  g_autoptr(PbTestAnswer) answer = NULL;
  WriteResult result = { 0 };

  /* A colleague saves between the start of the edit and the save. */
  g_assert_true (pb_demo_server_simulate_change (fixture->demo.server, ref));

  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  g_assert_cmpuint (strlen (result.error->message), >, 10);
  /* Nothing was sent; the list still shows what the edit began from. */
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 0);
  g_assert_cmpint (pb_connection_get_revision (shown), ==, revision);
  g_assert_cmpstr (pb_connection_get_json (shown), ==, base);
  /* What the server has now, as received. */
  g_assert_nonnull (result.current_json);
  current = pb_connection_new_from_data (result.current_json, -1, NULL);
  g_assert_nonnull (current);
  g_assert_cmpint (pb_connection_get_revision (current), ==, revision + 1);
  g_assert_nonnull (strstr (pb_connection_get_description (current), "colleague"));
  write_result_clear (&result);

  /* The user chooses to overwrite: it is written over the colleague's version. */
  update (fixture, ref, base, body, PB_STORE_WRITE_OVERWRITE, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.connection == shown);
  g_assert_cmpint (pb_connection_get_revision (shown), ==, revision + 2);
  g_assert_cmpstr (pb_connection_get_name (shown), ==, "Mine");
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 1);
  pb_test_json_int (server_version (fixture, ref, &answer), "revision");
  g_assert_cmpint (pb_test_json_int (pb_test_answer_object (answer), "revision"), ==,
                   revision + 2);
  write_result_clear (&result);
}

/* A moved modifiedAt alone is a change; both missing on both sides is none. */
static void
test_conflict_modified_at (Fixture       *fixture,
                           gconstpointer  data)
{
  PbConnection *shown = item (fixture->store, 2);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *body = edited (shown, "name", "Mine", FALSE);
  g_autofree char *other_time = edited (shown, "modifiedAt", "2001-01-01T00:00:00.000Z", FALSE);
  WriteResult result = { 0 };

  update (fixture, ref, other_time, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 0);
  write_result_clear (&result);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    guint status;
    int   code;
  } cases[] = {
    { 403, PB_CLIENT_ERROR_FORBIDDEN },
    { 409, PB_CLIENT_ERROR_REJECTED },
    { 500, PB_CLIENT_ERROR_SERVER },
  };
  PbConnection *shown = item (fixture->store, 0);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "name", "Mine", FALSE);
  g_autofree char *nameless = edited (shown, "name", NULL, FALSE);
  WriteResult result = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_FAIL_STATUS,
                                      cases[i].status);
      update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, cases[i].code);
      g_assert_cmpuint (pb_client_error_get_status (result.error), ==, cases[i].status);
      g_assert_null (result.current_json);
      g_assert_cmpstr (pb_connection_get_json (shown), ==, base);
      write_result_clear (&result);
    }

  /* The server's own sentence. */
  update (fixture, ref, base, nameless, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED);
  g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==,
                   "The connection is missing required fields: name.");
  write_result_clear (&result);

  /* Gone from the server. */
  g_assert_true (pb_demo_server_remove_connection (fixture->demo.server, ref));
  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
  write_result_clear (&result);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==,
                    G_N_ELEMENTS (cases) + 1);
}

/* }}} */
/* {{{ Dropped after sending */

static void
test_update_dropped (Fixture       *fixture,
                     gconstpointer  data)
{
  PbConnection *shown = item (fixture->store, 0);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "name", "Dropped but saved", FALSE);
  gint64 revision = pb_connection_get_revision (shown);
  g_autoptr(PbTestAnswer) answer = NULL;
  WriteResult result = { 0 };

  /* Not done: the user gets the network failure and may save again. */
  pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_DROP, 0);
  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_nonnull (result.error);
  g_assert_true (result.error->domain == PB_CLIENT_ERROR);
  g_assert_true (pb_client_error_get_request_sent (result.error));
  g_assert_null (result.current_json);
  g_assert_cmpint (pb_connection_get_revision (shown), ==, revision);
  g_assert_cmpint (pb_test_json_int (server_version (fixture, ref, &answer), "revision"), ==,
                   revision);
  g_clear_pointer (&answer, pb_test_answer_free);
  write_result_clear (&result);

  /* Done: reading again shows it, so it is a success. */
  pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_DROP_AFTER_STORING, 0);
  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.connection == shown);
  g_assert_cmpint (pb_connection_get_revision (shown), ==, revision + 1);
  g_assert_cmpstr (pb_connection_get_name (shown), ==, "Dropped but saved");
  write_result_clear (&result);

  /* Never sent twice: one write each time. */
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 2);
}

static void
test_update_uncertain (Fixture       *fixture,
                       gconstpointer  data)
{
  PbConnection *shown = item (fixture->store, 0);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "name", "Mine", FALSE);
  g_autoptr(PbConnection) current = NULL;
  WriteResult result = { 0 };

  /* It moved, but not into what was sent. */
  pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_DROP_AFTER_CHANGE, 0);
  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN);
  g_assert_nonnull (result.current_json);
  current = pb_connection_new_from_data (result.current_json, -1, NULL);
  g_assert_nonnull (strstr (pb_connection_get_description (current), "colleague"));
  g_assert_cmpstr (pb_connection_get_json (shown), ==, base);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 1);
  write_result_clear (&result);
}

/* }}} */
/* {{{ Create */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  PbConnection *original = item (fixture->store, 0);
  g_autofree char *body = edited (original, "name", "Copy of the first", TRUE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
  WriteResult result = { 0 };

  create (fixture, body, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n + 1);
  g_assert_true (item (fixture->store, n) == result.connection);
  g_assert_cmpstr (pb_connection_get_name (result.connection), ==, "Copy of the first");
  g_assert_cmpstr (pb_connection_get_ref (result.connection), !=,
                   pb_connection_get_ref (original));
  g_assert_cmpint (pb_connection_get_revision (result.connection), ==, 1);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 1);
  write_result_clear (&result);
}

static void
test_create_dropped (Fixture       *fixture,
                     gconstpointer  data)
{
  PbConnection *original = item (fixture->store, 0);
  g_autofree char *body = edited (original, "name", "Copy of the first", TRUE);
  g_autofree char *same = edited (original, "description", pb_connection_get_description (original),
                                  TRUE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
  WriteResult result = { 0 };

  /* Not stored: nothing new like it on the server. */
  pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_DROP, 0);
  create (fixture, body, &result);
  g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
  write_result_clear (&result);

  /* Stored: found, and added to the list. */
  pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_DROP_AFTER_STORING, 0);
  create (fixture, body, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_name (result.connection), ==, "Copy of the first");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n + 1);
  g_assert_true (item (fixture->store, n) == result.connection);
  write_result_clear (&result);

  /* An exact copy of one that was there before is not taken for the new one. */
  pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_DROP, 0);
  create (fixture, same, &result);
  g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n + 1);
  write_result_clear (&result);

  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 3);
}

/* }}} */
/* {{{ History */

/* A fresh account id for the history (its key stays in the session's keyring). */
static char *
use_new_account (Fixture *fixture)
{
  g_autofree char *uuid = g_uuid_string_random ();
  char *account_id = g_strconcat ("store-write-", uuid, NULL);

  pb_connection_store_set_cache_id (fixture->store, account_id);
  return account_id;
}

static GListModel *
history (const char *account_id,
         const char *ref)
{
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;
  GListModel *entries;

  pb_history_list_async (account_id, ref, NULL, pb_test_waiter_cb, &waiter);
  entries = pb_history_list_finish (pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);
  return entries;
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *account_id = use_new_account (fixture);
  PbConnection *shown = item (fixture->store, 0);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "name", "Mine", FALSE);
  g_autofree char *second = edited (shown, "name", "Mine again", FALSE);
  gint64 revision = pb_connection_get_revision (shown);
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(PbHistoryEntry) entry = NULL;
  WriteResult result = { 0 };

  /* A conflict keeps nothing: nothing is replaced. */
  g_assert_true (pb_demo_server_simulate_change (fixture->demo.server, ref));
  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  entries = history (account_id, ref);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  g_clear_object (&entries);

  /* Kept before the PUT, as read just before it (the colleague's version), even when the PUT
   * then fails. */
  pb_demo_server_fail_next_write (fixture->demo.server, PB_DEMO_WRITE_FAIL_STATUS, 500);
  {
    g_autofree char *current = g_steal_pointer (&result.current_json);

    write_result_clear (&result);
    fixture->reason = PB_HISTORY_OVERWRITE;
    update (fixture, ref, current, body, PB_STORE_WRITE_DEFAULT, &result);
  }
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER);
  write_result_clear (&result);
  entries = history (account_id, ref);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpint (pb_history_entry_get_revision (entry), ==, revision + 1);
  g_assert_cmpstr (pb_history_entry_get_ref (entry), ==, ref);
  g_assert_cmpint (pb_history_entry_get_reason (entry), ==, PB_HISTORY_OVERWRITE);
  g_assert_nonnull (strstr (pb_history_entry_get_json (entry), "colleague"));
  g_clear_object (&entry);
  g_clear_object (&entries);
}

/* The history cannot be written: nothing is sent. */
static void
test_history_failure (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *account_id = use_new_account (fixture);
  g_autofree char *safe = pb_private_file_reduce_id (account_id);
  g_autofree char *name = g_strconcat ("history-", safe, NULL);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "plugboard", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  PbConnection *shown = item (fixture->store, 0);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "name", "Mine", FALSE);
  WriteResult result = { 0 };

  /* A damaged history is never overwritten, so keeping a version fails. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "PBHIST damaged", -1, NULL));

  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_error (result.error, PB_HISTORY_ERROR, PB_HISTORY_ERROR_UNREADABLE);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->demo.server), ==, 0);
  g_assert_cmpstr (pb_connection_get_json (shown), ==, base);
  write_result_clear (&result);
}

/* }}} */
/* {{{ Offline copy, no client */

static gboolean
cache_holds (gpointer data)
{
  g_autofree char *path = pb_cache_get_path ("account-w");
  g_autofree char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) && strstr (text, data) != NULL;
}

static void
test_offline_copy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PbConnectionStore) offline = NULL;
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;
  PbConnection *shown = item (fixture->store, 0);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (shown));
  g_autofree char *base = g_strdup (pb_connection_get_json (shown));
  g_autofree char *body = edited (shown, "description", "Saved in the offline copy too", FALSE);
  WriteResult result = { 0 };
  guint n_requests;

  /* A write saves the complete list again as the offline copy. */
  update (fixture, ref, base, body, PB_STORE_WRITE_DEFAULT, &result);
  g_assert_no_error (result.error);
  write_result_clear (&result);
  pb_test_wait_until (cache_holds, "Saved in the offline copy too", "the copy to be saved");

  /* A store that shows the offline copy (the server failed) sends nothing. */
  offline = pb_connection_store_new (fixture->client, "account-w");
  pb_demo_server_fail_next (fixture->demo.server, 503, NULL, 1);
  pb_connection_store_refresh_async (offline, pb_test_waiter_cb, &waiter);
  g_assert_false (pb_connection_store_refresh_finish (offline, pb_test_waiter_wait (&waiter),
                                                      &error));
  g_assert_true (pb_connection_store_get_offline_copy (offline));
  pb_test_waiter_clear (&waiter);
  n_requests = pb_demo_server_get_n_requests (fixture->demo.server);

  {
    g_auto(PbTestWaiter) write_waiter = { NULL };

    pb_connection_store_update_async (offline, ref, base, body, 0, PB_STORE_WRITE_OVERWRITE,
                                      NULL, pb_test_waiter_cb, &write_waiter);
    g_assert_null (pb_connection_store_update_finish (offline,
                                                      pb_test_waiter_wait (&write_waiter),
                                                      NULL, &result.error));
    g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_OFFLINE_COPY);
    g_clear_error (&result.error);
  }
  {
    g_auto(PbTestWaiter) write_waiter = { NULL };

    pb_connection_store_create_async (offline, body, NULL, pb_test_waiter_cb, &write_waiter);
    g_assert_null (pb_connection_store_create_finish (offline,
                                                      pb_test_waiter_wait (&write_waiter),
                                                      NULL, &result.error));
    g_assert_error (result.error, PB_STORE_ERROR, PB_STORE_ERROR_OFFLINE_COPY);
    g_clear_error (&result.error);
  }
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->demo.server), ==, n_requests);
  pb_test_assert_finalized (g_steal_pointer (&offline));
}

static void
test_no_client (void)
{
  g_autoptr(PbConnectionStore) store = pb_connection_store_new (NULL, NULL);
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;

  pb_connection_store_create_async (store, "{}", NULL, pb_test_waiter_cb, &waiter);
  g_assert_null (pb_connection_store_create_finish (store, pb_test_waiter_wait (&waiter), NULL,
                                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, cache_id, func) \
  g_test_add (path, Fixture, cache_id, fixture_set_up, func, fixture_tear_down)

  ADD ("/store-write/update", NULL, test_update);
  ADD ("/store-write/conflict", NULL, test_conflict);
  ADD ("/store-write/conflict-modified-at", NULL, test_conflict_modified_at);
  ADD ("/store-write/errors", NULL, test_errors);
  ADD ("/store-write/update-dropped", NULL, test_update_dropped);
  ADD ("/store-write/update-uncertain", NULL, test_update_uncertain);
  ADD ("/store-write/create", NULL, test_create);
  ADD ("/store-write/create-dropped", NULL, test_create_dropped);
  ADD ("/store-write/history", NULL, test_history);
  ADD ("/store-write/history-failure", NULL, test_history_failure);
  ADD ("/store-write/offline-copy", "account-w", test_offline_copy);
  g_test_add_func ("/store-write/no-client", test_no_client);

#undef ADD

  return g_test_run ();
}
