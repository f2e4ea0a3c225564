/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cache"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pb-account.h"
#include "pb-cache.h"
#include "pb-client.h"
#include "pb-connection.h"
#include "pb-export.h"
#include "pb-test-util.h"

/* {{{ Helpers */

static PbConnection *
connection_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (json, -1, &error);

  g_assert_no_error (error);

  return connection;
}

static const char odd_json[] =
  "{\"ref\": \"e0e0e0e0-0000-4000-8000-000000000004\", \"name\": \"Ünïcödé \\\"quoted\\\" ☃\","
  " \"auth\": {\"authType\": \"OAUTH\", \"clientId\": \"id\", \"undocumented\": [1, 2.5, null]},"
  " \"request\": {\"requestType\": \"POST\", \"connectionUrl\": \"https://h/${a}\","
  "   \"requestBody\": \"{\\n  \\\"k\\\": ${v}\\n}\"},"
  " \"customHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer as-received\"}]}";

/* The fixtures' connections and one with odd content. */
static GPtrArray *
sample_connections (void)
{
  g_autofree char *list = pb_test_read_fixture ("list-connections.json");
  g_autofree char *destination = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(GError) error = NULL;
  GPtrArray *all = pb_connection_parse_list (list, -1, &error);

  g_assert_no_error (error);
  g_ptr_array_add (all, connection_from_json (destination));
  g_ptr_array_add (all, connection_from_json (odd_json));

  return all;
}

static gboolean
save (const char  *account_id,
      const char  *base_url,
      GPtrArray   *connections,
      GError     **error)
{
  PbTestWaiter waiter = { NULL };
  gboolean saved;

  pb_cache_save_async (account_id, base_url, connections, NULL, pb_test_waiter_cb, &waiter);
  saved = pb_cache_save_finish (pb_test_waiter_wait (&waiter), error);
  pb_test_waiter_clear (&waiter);

  return saved;
}

static GPtrArray *
load (const char  *account_id,
      const char  *base_url,
      GDateTime  **saved_at,
      GError     **error)
{
  PbTestWaiter waiter = { NULL };
  GPtrArray *connections;

  pb_cache_load_async (account_id, base_url, NULL, pb_test_waiter_cb, &waiter);
  connections = pb_cache_load_finish (pb_test_waiter_wait (&waiter), saved_at, error);
  pb_test_waiter_clear (&waiter);

  return connections;
}

/* The text the cache keeps of a connection: masked as Copy JSON masks it. */
static char *
cached_text (PbConnection *connection)
{
  g_autoptr(GError) error = NULL;
  char *text = pb_export_connection_compact (connection, FALSE, &error);

  g_assert_no_error (error);
  return text;
}

/* `b` read back from the cache is `a` as saved (masked). */
static void
assert_same_connections (GPtrArray *a,
                         GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *saved = cached_text (g_ptr_array_index (a, i));

      g_assert_cmpstr (saved, ==, pb_connection_get_json (g_ptr_array_index (b, i)));
    }
}

static char *
cache_folder (void)
{
  return g_build_filename (g_get_user_cache_dir (), "plugboard", NULL);
}

static guint
file_mode (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);

  return buf.st_mode & 07777;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* }}} */

static void
test_paths (void)
{
  g_autofree char *folder = cache_folder ();
  g_autofree char *demo = pb_cache_get_path ("demo");
  g_autofree char *hostile = pb_cache_get_path ("../../etc/pass wd\n");
  g_autofree char *hostile_folder = g_path_get_dirname (hostile);
  g_autofree char *hostile_name = g_path_get_basename (hostile);
  g_autofree char *expected = g_build_filename (folder, "connections-demo.json", NULL);

  g_assert_cmpstr (demo, ==, expected);
  g_assert_cmpstr (hostile_folder, ==, folder);
  g_assert_cmpstr (hostile_name, ==, "connections-------etc-pass-wd-.json");
}

static void
test_save_and_load (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pb_cache_get_path ("account-1");
  g_autofree char *contents = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (save ("account-1", "https://api-engage-eu.sitecorecloud.io/", connections,
                       &error));
  g_assert_no_error (error);
  after = g_date_time_new_now_utc ();

  /* The file: savedAt, baseUrl and the objects as received, masked. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "{\"savedAt\":\""));
  g_assert_nonnull (strstr (contents,
                            "\"baseUrl\":\"https://api-engage-eu.sitecorecloud.io/\",\"items\":["));
  for (guint i = 0; i < connections->len; i++)
    {
      g_autofree char *saved = cached_text (g_ptr_array_index (connections, i));

      g_assert_nonnull (strstr (contents, saved));
    }

  loaded = load ("account-1", NULL, &saved_at, &error);
  g_assert_no_error (error);
  assert_same_connections (connections, loaded);
  g_assert_nonnull (saved_at);
  g_assert_cmpint (g_date_time_get_utc_offset (saved_at), ==, 0);
  g_assert_cmpint (g_date_time_compare (before, saved_at), <=, 0);
  g_assert_cmpint (g_date_time_compare (saved_at, after), <=, 0);

  /* The same base URL, written with or without the final slash. */
  again = load ("account-1", "https://api-engage-eu.sitecorecloud.io", NULL, &error);
  g_assert_no_error (error);
  assert_same_connections (connections, again);
}

static void
test_replace (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GPtrArray) fewer = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) loaded_empty = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (fewer, g_object_ref (g_ptr_array_index (connections, 1)));
  g_assert_true (save ("a", "https://h", connections, &error));
  g_assert_true (save ("a", "https://h", fewer, &error));
  g_assert_no_error (error);
  loaded = load ("a", "https://h", NULL, &error);
  g_assert_no_error (error);
  assert_same_connections (fewer, loaded);

  g_assert_true (save ("a", "https://h", empty, &error));
  loaded_empty = load ("a", "https://h", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded_empty->len, ==, 0);
}

static void
test_modes (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = cache_folder ();
  g_autofree char *path = pb_cache_get_path ("modes");

  g_assert_true (save ("modes", "https://h", connections, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (count_files (folder), ==, 1); /* no temporary file left behind */

  /* Wider permissions left by something else are narrowed on the next save. */
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (save ("modes", "https://h", connections, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (count_files (folder), ==, 1);
}

static void
test_missing (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  GPtrArray *loaded;

  loaded = load ("nobody", NULL, &saved_at, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_assert_null (saved_at);
  g_clear_error (&error);

  /* A list of another address (the account was pointed elsewhere) is not this one's. */
  g_assert_true (save ("moved", "https://api-engage-eu.sitecorecloud.io", connections, &error));
  loaded = load ("moved", "https://api-engage-us.sitecorecloud.io", &saved_at, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_assert_null (saved_at);
}

static void
test_corrupt (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pb_cache_get_path ("corrupt");
  g_autofree char *good = NULL;
  gsize good_length;
  const char *bad[] = {
    "",
    "   \n",
    "{",
    "not JSON at all",
    "\xff\xfe{}",
    "[]",
    "{\"items\": []}",
    "{\"savedAt\": \"2025-07-02T14:04:58Z\", \"baseUrl\": \"https://h\"}",
    "{\"savedAt\": \"yesterday\", \"baseUrl\": \"https://h\", \"items\": []}",
    "{\"savedAt\": 5, \"baseUrl\": \"https://h\", \"items\": []}",
    "{\"baseUrl\": \"https://h\", \"savedAt\": \"2025-07-02T14:04:58Z\", \"items\": []}",
    "{\"savedAt\": \"2025-07-02T14:04:58Z\", \"baseUrl\": \"https://h\","
    " \"items\": [{\"ref\": \"a\", \"name\": \"fine\"}, {\"ref\": 5}]}",
    "{\"savedAt\": \"2025-07-02T14:04:58Z\", \"baseUrl\": \"https://h\", \"items\": {}}",
    "{\"savedAt\": \"2025-07-02T14:04:58Z\", \"baseUrl\": \"https://h\", \"items\": []} x",
  };

  g_assert_true (save ("corrupt", "https://h", connections, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &good, &good_length, NULL));

  for (guint i = 0; i <= G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) saved_at = NULL;
      GPtrArray *loaded;

      /* The last case: a real cache cut in the middle. */
      if (i < G_N_ELEMENTS (bad))
        g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      else
        g_assert_true (g_file_set_contents (path, good, good_length / 2, NULL));

      loaded = load ("corrupt", NULL, &saved_at, &error);
      g_assert_error (error, PB_PARSE_ERROR, error->code);
      g_assert_true (g_str_has_prefix (error->message,
                                       "The list kept for offline use is damaged"));
      g_assert_null (loaded);
      g_assert_null (saved_at);
      g_clear_error (&error);
    }

  /* An odd member is no damage: the connection is kept as the list reads it (the member not
   * set, and listed), with the rest. */
  {
    const char *odd = "{\"savedAt\": \"2025-07-02T14:04:58Z\", \"baseUrl\": \"https://h\","
                      " \"items\": [{\"ref\": \"a\", \"name\": \"fine\", \"revision\": 1e19,"
                      " \"request\": {\"connectionUrl\": \"https://x/\\ud800\"}},"
                      " {\"ref\": 5, \"name\": \"b\"}]}";
    g_autoptr(GDateTime) saved_at = NULL;
    g_autoptr(GPtrArray) loaded = NULL;

    g_assert_true (g_file_set_contents (path, odd, -1, NULL));
    loaded = load ("corrupt", NULL, &saved_at, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (loaded->len, ==, 2);
    g_assert_cmpstr (pb_connection_get_name (loaded->pdata[0]), ==, "fine");
    g_assert_cmpint (pb_connection_get_revision (loaded->pdata[0]), ==, -1);
    g_assert_cmpstr (pb_connection_get_unreadable_fields (loaded->pdata[0])[0], ==, "revision");
    g_assert_cmpstr (pb_connection_get_connection_url (loaded->pdata[0]), ==,
                     "https://x/\xef\xbf\xbd");
    g_assert_nonnull (strstr (pb_connection_get_json (loaded->pdata[0]), "x/\\ufffd"));
    g_assert_cmpstr (pb_connection_get_name (loaded->pdata[1]), ==, "b");
    g_assert_null (pb_connection_get_ref (loaded->pdata[1]));
    g_assert_cmpstr (pb_connection_get_unreadable_fields (loaded->pdata[1])[0], ==, "ref");
  }
}

static gboolean
folder_contains (const char *folder,
                 const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (folder_contains (path, needle))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, NULL, NULL)
               && strstr (contents, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* A session with a token and an account secret in memory: neither lands in the cache. */
static void
test_no_secrets (void)
{
  g_autoptr(PbClient) client = pb_client_new ("https://api-engage-eu.sitecorecloud.io");
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pb_client_set_access_token (client, "tok-SECRET-123");
  pb_account_set_client_id (account, "client-id");
  pb_account_set_secret (account, "cs-SECRET-456");
  g_assert_true (pb_account_get_has_secret (account));

  g_assert_true (save (pb_account_get_id (account), pb_client_get_base_url (client), connections,
                       &error));
  g_assert_no_error (error);
  path = pb_cache_get_path (pb_account_get_id (account));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_false (folder_contains (g_get_user_cache_dir (), "tok-SECRET-123"));
  g_assert_false (folder_contains (g_get_user_cache_dir (), "cs-SECRET-456"));
  /* The search would find them if they were there. */
  g_assert_true (folder_contains (g_get_user_cache_dir (), "Ünïcödé"));
  /* Nor the connections' own: the header is written masked. */
  g_assert_false (folder_contains (g_get_user_cache_dir (), "as-received"));
  g_assert_true (folder_contains (g_get_user_cache_dir (), "Bearer " PB_SECRET_MASK));
}

/* A secret of every kind (the fixture planted-secrets.json): none reaches the file, everything
 * else does, and the masked connection reads back (a masked number as a string). */
static void
test_planted_secrets (void)
{
  g_autofree char *planted = pb_test_read_fixture ("planted-secrets.json");
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pb_cache_get_path ("planted");
  g_autofree char *contents = NULL;
  PbConnection *back;

  g_ptr_array_add (connections, connection_from_json (planted));
  g_assert_true (save ("planted", "https://h", connections, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  g_assert_null (strstr (contents, "SECRET"));
  g_assert_null (strstr (contents, "9876543210"));
  for (guint i = 1; i <= 9; i++)
    {
      g_autofree char *marker = g_strdup_printf ("VISIBLE-%u", i);

      g_assert_nonnull (strstr (contents, marker));
    }
  /* The body stays laid out as written, placeholder included. */
  g_assert_nonnull (strstr (contents, "\\n  \\\"count\\\": ${count},\\n"));
  g_assert_nonnull (strstr (contents, "\"Basic " PB_SECRET_MASK "\""));

  /* Read back by the same reader: the connection, masked. */
  loaded = load ("planted", "https://h", NULL, &error);
  g_assert_no_error (error);
  assert_same_connections (connections, loaded);
  back = g_ptr_array_index (loaded, 0);
  g_assert_cmpstr (pb_connection_get_name (back), ==, "Planted secrets VISIBLE-1");
  g_assert_cmpint (pb_connection_get_connection_timeout (back), ==, 1000);
  g_assert_cmpstr (pb_connection_get_connection_url (back), ==,
                   "https://user:" PB_SECRET_MASK "@api.example.com/v1/send?api_key="
                   PB_SECRET_MASK "&token=" PB_SECRET_MASK "&to=VISIBLE-6");
  g_assert_cmpuint (g_list_model_get_n_items (pb_connection_get_custom_headers (back)), ==, 4);
}

static void
test_remove (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GError) error = NULL;
  g_autofree char *one = pb_cache_get_path ("one");
  g_autofree char *two = pb_cache_get_path ("two");
  GPtrArray *loaded;

  g_assert_true (save ("one", "https://h", connections, &error));
  g_assert_true (save ("two", "https://h", connections, &error));
  g_assert_no_error (error);

  g_assert_true (pb_cache_remove ("one", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (one, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (two, G_FILE_TEST_EXISTS));
  loaded = load ("one", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  /* Removing what is not there is fine. */
  g_assert_true (pb_cache_remove ("one", &error));
  g_assert_no_error (error);
}

static void
test_clear_all (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = cache_folder ();
  g_autofree char *one = pb_cache_get_path ("one");
  g_autofree char *demo = pb_cache_get_path ("demo");
  g_autofree char *stale = g_strconcat (one, ".AB12CD", NULL);
  g_autofree char *other = g_build_filename (folder, "notes.txt", NULL);

  /* Nothing to clear yet. */
  g_assert_true (pb_cache_clear_all (&error));
  g_assert_no_error (error);

  g_assert_true (save ("one", "https://h", connections, &error));
  g_assert_true (save ("demo", "http://127.0.0.1:1", connections, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (stale, "{\"savedAt", -1, NULL)); /* an interrupted write */
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));

  g_assert_true (pb_cache_clear_all (&error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (one, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* With nothing else in it, the folder goes too. */
  g_assert_cmpint (g_remove (other), ==, 0);
  g_assert_true (save ("one", "https://h", connections, &error));
  g_assert_true (pb_cache_clear_all (&error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_cancelled (void)
{
  g_autoptr(GPtrArray) connections = sample_connections ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PbTestWaiter waiter = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections_loaded = NULL;
  g_autofree char *path = pb_cache_get_path ("cancelled");

  g_cancellable_cancel (cancellable);
  pb_cache_save_async ("cancelled", "https://h", connections, cancellable, pb_test_waiter_cb,
                       &waiter);
  g_assert_false (pb_cache_save_finish (pb_test_waiter_wait (&waiter), &error));
  pb_test_waiter_clear (&waiter);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  pb_cache_load_async ("cancelled", NULL, cancellable, pb_test_waiter_cb, &waiter);
  connections_loaded = pb_cache_load_finish (pb_test_waiter_wait (&waiter), NULL, &error);
  pb_test_waiter_clear (&waiter);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (connections_loaded);
}

/* Many connections go in and come back (no time is measured). */
static void
test_many (void)
{
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GError) error = NULL;
  GString *doc = g_string_new ("{\"items\":[");
  g_autofree char *text = NULL;
  const guint n = 50000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (doc,
                            "%s{\"ref\":\"%08x-0000-4000-8000-%012u\",\"name\":\"Connection %u\","
                            "\"auth\":{\"authType\":\"NONE\"},\"request\":{\"requestType\":"
                            "\"GET\",\"connectionUrl\":\"https://h/%u/${id}\"},"
                            "\"customHeaders\":[{\"name\":\"Accept\",\"value\":\"*/*\"}],"
                            "\"systemType\":\"DATA_SYSTEM\"}",
                            i == 0 ? "" : ",", i, i, i, i);
  g_string_append (doc, "]}");
  text = g_string_free (doc, FALSE);
  connections = pb_connection_parse_list (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (connections->len, ==, n);

  g_assert_true (save ("many", "https://h", connections, &error));
  g_assert_no_error (error);
  loaded = load ("many", "https://h", NULL, &error);
  g_assert_no_error (error);
  assert_same_connections (connections, loaded);
  g_assert_cmpstr (pb_connection_get_name (g_ptr_array_index (loaded, n - 1)), ==,
                   "Connection 49999");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cache/paths", test_paths);
  g_test_add_func ("/cache/save-and-load", test_save_and_load);
  g_test_add_func ("/cache/replace", test_replace);
  g_test_add_func ("/cache/modes", test_modes);
  g_test_add_func ("/cache/missing", test_missing);
  g_test_add_func ("/cache/corrupt", test_corrupt);
  g_test_add_func ("/cache/no-secrets", test_no_secrets);
  g_test_add_func ("/cache/planted-secrets", test_planted_secrets);
  g_test_add_func ("/cache/remove", test_remove);
  g_test_add_func ("/cache/clear-all", test_clear_all);
  g_test_add_func ("/cache/cancelled", test_cancelled);
  g_test_add_func ("/cache/many", test_many);

  return g_test_run ();
}
