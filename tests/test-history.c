/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pb-history-private.h"
#include "pb-json.h"
#include "pb-private-file.h"
#include "test-account-util.h"

/* The history of replaced versions: what goes in comes out (newest first, numbers exact),
 * the file is private and encrypted, a file that cannot be opened is never overwritten, the
 * limit per connection, clearing it (also with the account), and a keyring that is locked or
 * missing. Against the session's real keyring (build-aux/test-session.sh). */

/* Numbers no double holds exactly, a secret, text that is not ASCII. */
#define CONNECTION_FORMAT \
  "{\"ref\":\"%s\",\"name\":\"%s\",\"revision\":%d,\"timeout\":12345678901234567890," \
  "\"ratio\":1.10,\"auth\":{\"authType\":\"OAUTH\",\"clientId\":\"id-1\"," \
  "\"clientSecret\":\"%s\"},\"description\":\"Grüße \\\"quoted\\\" ✓\"}"

static char *
new_account_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  /* Characters the file name does not keep. */
  return g_strdup_printf ("test/%s:history", uuid);
}

static char *
connection_json (const char *ref,
                 const char *name,
                 int         revision,
                 const char *secret)
{
  return g_strdup_printf (CONNECTION_FORMAT, ref, name, revision, secret);
}

static char *
history_path (const char *account_id)
{
  g_autofree char *safe = pb_private_file_reduce_id (account_id);
  g_autofree char *name = g_strconcat ("history-", safe, NULL);

  return g_build_filename (g_get_user_data_dir (), "plugboard", name, NULL);
}

static gboolean
append (const char       *account_id,
        const char       *json,
        PbHistoryReason   reason,
        GError          **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_history_append_async (account_id, json, reason, NULL, pb_test_waiter_cb, &waiter);

  return pb_history_append_finish (pb_test_waiter_wait (&waiter), error);
}

static GListModel *
list (const char  *account_id,
      const char  *ref,
      GError     **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_history_list_async (account_id, ref, NULL, pb_test_waiter_cb, &waiter);

  return pb_history_list_finish (pb_test_waiter_wait (&waiter), error);
}

static gboolean
clear (const char  *account_id,
       GError     **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_history_clear_async (account_id, NULL, pb_test_waiter_cb, &waiter);

  return pb_history_clear_finish (pb_test_waiter_wait (&waiter), error);
}

static PbHistoryEntry *
get_entry (GListModel *model,
           guint       position)
{
  PbHistoryEntry *entry = g_list_model_get_item (model, position);

  /* The model keeps it. */
  g_object_unref (entry);

  return entry;
}

/* The key item of an account, or NULL. */
static char *
lookup_key_text (const char *account_id)
{
  g_autoptr(GError) error = NULL;
  char *text;
  char *copy;

  text = secret_password_lookup_sync (_pb_history_key_get_schema (), NULL, &error,
                                      "account", account_id,
                                      NULL);
  g_assert_no_error (error);
  copy = g_strdup (text);
  secret_password_free (text);

  return copy;
}

/* Whether the account has a key item. */
static gboolean
has_key (const char *account_id)
{
  g_autofree char *text = lookup_key_text (account_id);

  return text != NULL;
}

static void
remove_key (const char *account_id)
{
  g_autoptr(GError) error = NULL;

  secret_password_clear_sync (_pb_history_key_get_schema (), NULL, &error,
                              "account", account_id,
                              NULL);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* What is in the file after: the same bytes, not written again. */
typedef struct
{
  GBytes *bytes;
  gint64  mtime_ns;
  guint64 inode;
} FileState;

static void
file_state_get (const char *path,
                FileState  *state)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  state->bytes = read_file (path);
  state->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000)
                    + st.st_mtim.tv_nsec;
  state->inode = st.st_ino;
}

static void
assert_file_unchanged (const char *path,
                       FileState  *before)
{
  FileState after = { 0 };

  file_state_get (path, &after);
  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime_ns, ==, after.mtime_ns);
  g_assert_cmpuint (before->inode, ==, after.inode);
  g_bytes_unref (after.bytes);
}

/* Round trip */

static void
test_round_trip (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *secret = random_secret ("history-secret");
  g_autofree char *a1 = connection_json ("ref-a", "Weather", 1, secret);
  g_autofree char *b5 = connection_json ("ref-b", "Orders", 5, secret);
  g_autofree char *a2 = connection_json ("ref-a", "Weather (renamed)", 2, secret);
  g_autoptr(GListModel) empty = NULL;
  g_autoptr(GListModel) of_a = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  PbHistoryEntry *entry;

  /* No history yet: an empty list, and no key made for it. */
  empty = list (id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (empty), ==, 0);
  g_assert_false (has_key (id));

  g_assert_true (append (id, a1, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);
  g_assert_true (append (id, b5, PB_HISTORY_ARCHIVE, &error));
  g_assert_no_error (error);
  g_assert_true (append (id, a2, PB_HISTORY_RESTORE, &error));
  g_assert_no_error (error);

  of_a = list (id, "ref-a", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (of_a), ==, 2);
  entry = get_entry (of_a, 0);
  g_assert_cmpstr (pb_history_entry_get_ref (entry), ==, "ref-a");
  g_assert_cmpstr (pb_history_entry_get_name (entry), ==, "Weather (renamed)");
  g_assert_cmpint (pb_history_entry_get_revision (entry), ==, 2);
  g_assert_cmpint (pb_history_entry_get_reason (entry), ==, PB_HISTORY_RESTORE);
  /* As received, to the byte: the long number and 1.10 too. */
  g_assert_cmpstr (pb_history_entry_get_json (entry), ==, a2);
  g_assert_nonnull (strstr (pb_history_entry_get_json (entry), "12345678901234567890"));
  g_assert_cmpint (g_date_time_compare (pb_history_entry_get_replaced_at (entry), before), >=, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (pb_history_entry_get_replaced_at (entry)), ==, 0);
  entry = get_entry (of_a, 1);
  g_assert_cmpint (pb_history_entry_get_revision (entry), ==, 1);
  g_assert_cmpstr (pb_history_entry_get_json (entry), ==, a1);
  g_assert_cmpint (pb_history_entry_get_reason (entry), ==, PB_HISTORY_EDIT);

  all = list (id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  g_assert_cmpstr (pb_history_entry_get_json (get_entry (all, 0)), ==, a2);
  g_assert_cmpstr (pb_history_entry_get_json (get_entry (all, 1)), ==, b5);
  g_assert_cmpint (pb_history_entry_get_reason (get_entry (all, 1)), ==, PB_HISTORY_ARCHIVE);
  g_assert_cmpstr (pb_history_entry_get_json (get_entry (all, 2)), ==, a1);
  /* Newest first. */
  g_assert_cmpint (g_date_time_compare (pb_history_entry_get_replaced_at (get_entry (all, 0)),
                                        pb_history_entry_get_replaced_at (get_entry (all, 2))),
                   >=, 0);

  g_assert_true (clear (id, &error));
  g_assert_no_error (error);
}

/* A connection without a revision, and one that is not a connection. */
static void
test_odd_connections (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *path = history_path (id);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (append (id, "{\"name\":\"No ref\"}", PB_HISTORY_EDIT, &error));
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE);
  g_clear_error (&error);
  g_assert_false (append (id, "[1,", PB_HISTORY_EDIT, &error));
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
  g_clear_error (&error);
  /* Nothing was written, no key made. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (has_key (id));

  g_assert_true (append (id, "{\"ref\":\"r\"}", PB_HISTORY_OVERWRITE, &error));
  g_assert_no_error (error);
  all = list (id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
  g_assert_cmpint (pb_history_entry_get_revision (get_entry (all, 0)), ==, -1);
  g_assert_cmpstr (pb_history_entry_get_name (get_entry (all, 0)), ==, "");
  g_assert_cmpint (pb_history_entry_get_reason (get_entry (all, 0)), ==, PB_HISTORY_OVERWRITE);

  g_assert_true (clear (id, &error));
}

/* Two appends asked at once: one key, both kept. */
static void
test_appends_at_once (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *one = connection_json ("ref-1", "One", 1, "x");
  g_autofree char *two = connection_json ("ref-2", "Two", 1, "y");
  g_auto(PbTestWaiter) first = { 0 };
  g_auto(PbTestWaiter) second = { 0 };
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;

  pb_history_append_async (id, one, PB_HISTORY_EDIT, NULL, pb_test_waiter_cb, &first);
  pb_history_append_async (id, two, PB_HISTORY_EDIT, NULL, pb_test_waiter_cb, &second);
  g_assert_true (pb_history_append_finish (pb_test_waiter_wait (&second), &error));
  g_assert_no_error (error);
  g_assert_true (pb_history_append_finish (pb_test_waiter_wait (&first), &error));
  g_assert_no_error (error);

  all = list (id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpstr (pb_history_entry_get_ref (get_entry (all, 0)), ==, "ref-2");
  g_assert_cmpstr (pb_history_entry_get_ref (get_entry (all, 1)), ==, "ref-1");

  g_assert_true (clear (id, &error));
}

/* The file */

static void
test_file_private_and_sealed (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *secret = random_secret ("history-secret");
  g_autofree char *json = connection_json ("ref-private", "Private", 7, secret);
  g_autofree char *path = history_path (id);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *secret_b64 = g_base64_encode ((const guchar *) secret, strlen (secret));
  g_autofree char *key_text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);

  /* <user data>/plugboard/history-<id reduced>. */
  g_assert_nonnull (strstr (base, "history-test-"));
  g_assert_true (g_str_has_suffix (base, "-history"));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (S_ISREG (st.st_mode));

  /* Nothing of it in clear, nor in base64; no temporary file left. */
  bytes = read_file (path);
  g_assert_true (g_bytes_get_size (bytes) > strlen (json));
  g_assert_false (bytes_contain (bytes, secret));
  g_assert_false (bytes_contain (bytes, secret_b64));
  g_assert_false (bytes_contain (bytes, "ref-private"));
  g_assert_false (bytes_contain (bytes, "entries"));
  g_assert_false (bytes_contain (bytes, "clientSecret"));
  key_text = lookup_key_text (id);
  g_assert_nonnull (key_text);
  g_assert_false (bytes_contain (bytes, key_text));
  g_assert_true (bytes_contain (bytes, "PBHIST"));
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, base) && !g_str_equal (name, base));
  }

  /* The key: 32 bytes in the keyring, under the account. */
  {
    g_autofree guchar *raw = NULL;
    gsize length = 0;

    raw = g_base64_decode (key_text, &length);
    g_assert_cmpuint (length, ==, 32);
  }

  g_assert_true (clear (id, &error));
}

/* Another account's file, copied over: it does not open with this account's key. */
static void
test_file_of_another_account (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *other = new_account_id ();
  g_autofree char *json = connection_json ("ref-x", "X", 1, "s");
  g_autofree char *path = history_path (id);
  g_autofree char *other_path = history_path (other);
  g_autofree char *key_text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);

  /* The same key too: only the account id differs. */
  key_text = lookup_key_text (id);
  secret_password_store_sync (_pb_history_key_get_schema (), SECRET_COLLECTION_DEFAULT,
                              "test key", key_text, NULL, &error,
                              "account", other,
                              NULL);
  g_assert_no_error (error);
  bytes = read_file (path);
  g_file_set_contents (other_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);

  model = list (other, NULL, &error);
  g_assert_error (error, PB_HISTORY_ERROR, PB_HISTORY_ERROR_UNREADABLE);
  g_assert_null (model);

  g_clear_error (&error);
  g_assert_true (clear (id, &error));
  g_assert_true (clear (other, &error));
}

/* Unreadable files are never overwritten */

static void
assert_unreadable (const char *id,
                   const char *path)
{
  g_autofree char *json = connection_json ("ref-later", "Later", 9, "s");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  FileState before = { 0 };

  file_state_get (path, &before);

  model = list (id, NULL, &error);
  g_assert_error (error, PB_HISTORY_ERROR, PB_HISTORY_ERROR_UNREADABLE);
  g_assert_null (model);
  g_assert_nonnull (strstr (error->message, "Clear the history"));
  g_clear_error (&error);
  model = list (id, "ref-a", &error);
  g_assert_error (error, PB_HISTORY_ERROR, PB_HISTORY_ERROR_UNREADABLE);
  g_clear_error (&error);

  /* Appending fails the same way, and leaves the file as it was. */
  g_assert_false (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_error (error, PB_HISTORY_ERROR, PB_HISTORY_ERROR_UNREADABLE);
  assert_file_unchanged (path, &before);
  g_bytes_unref (before.bytes);
}

static void
test_key_gone (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *json = connection_json ("ref-a", "A", 1, "s");
  g_autofree char *path = history_path (id);
  g_autoptr(GError) error = NULL;

  g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);

  /* The key removed from the keyring: no key. */
  remove_key (id);
  assert_unreadable (id, path);

  /* Another key (the append above made one, or a second was stored). */
  g_assert_true (has_key (id));
  {
    g_autoptr(PbHistoryKey) key = _pb_history_key_new_random ();
    g_autofree char *text = _pb_history_key_to_text (key);

    secret_password_store_sync (_pb_history_key_get_schema (), SECRET_COLLECTION_DEFAULT,
                                "test key", text, NULL, &error,
                                "account", id,
                                NULL);
    g_assert_no_error (error);
  }
  assert_unreadable (id, path);

  /* Something in the keyring that is not a key at all. */
  secret_password_store_sync (_pb_history_key_get_schema (), SECRET_COLLECTION_DEFAULT,
                              "test key", "not a key", NULL, &error,
                              "account", id,
                              NULL);
  g_assert_no_error (error);
  assert_unreadable (id, path);

  /* Clearing is the way out: a new history starts. */
  g_assert_true (clear (id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);
  g_assert_true (clear (id, &error));
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
test_damaged (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *json = connection_json ("ref-a", "A", 1, "s");
  g_autofree char *path = history_path (id);
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *copy = NULL;
  gsize size;

  g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);
  good = read_file (path);
  size = g_bytes_get_size (good);
  copy = g_memdup2 (g_bytes_get_data (good, NULL), size);

  /* One bit of the encrypted text, of the tag, of the nonce, of the version. */
  copy[size / 2] ^= 0x01;
  write_bytes (path, copy, size);
  assert_unreadable (id, path);
  copy[size / 2] ^= 0x01;

  copy[size - 1] ^= 0x80;
  write_bytes (path, copy, size);
  assert_unreadable (id, path);
  copy[size - 1] ^= 0x80;

  copy[8] ^= 0x01;
  write_bytes (path, copy, size);
  assert_unreadable (id, path);
  copy[8] ^= 0x01;

  copy[6] = 2;
  write_bytes (path, copy, size);
  assert_unreadable (id, path);
  copy[6] = 1;

  /* Truncated: by the tag, to the header, to nothing. */
  write_bytes (path, copy, size - 16);
  assert_unreadable (id, path);
  write_bytes (path, copy, 7);
  assert_unreadable (id, path);
  write_bytes (path, copy, 0);
  assert_unreadable (id, path);

  /* Not touched by any of it: the original bytes still open. */
  write_bytes (path, copy, size);
  {
    g_autoptr(GListModel) model = list (id, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  }

  g_assert_true (clear (id, &error));
}

/* The limit */

static void
test_max_entries (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *other = connection_json ("ref-other", "Other", 1, "s");
  g_autoptr(GListModel) of_a = NULL;
  g_autoptr(GListModel) of_other = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = PB_HISTORY_MAX_ENTRIES + 3;

  g_assert_true (append (id, other, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *json = connection_json ("ref-a", "A", i, "s");

      g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
      g_assert_no_error (error);
    }

  of_a = list (id, "ref-a", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (of_a), ==, PB_HISTORY_MAX_ENTRIES);
  g_assert_cmpint (pb_history_entry_get_revision (get_entry (of_a, 0)), ==, n);
  /* The oldest went. */
  g_assert_cmpint (pb_history_entry_get_revision (get_entry (of_a, PB_HISTORY_MAX_ENTRIES - 1)),
                   ==, n - PB_HISTORY_MAX_ENTRIES + 1);

  /* Another connection's older entry stays. */
  of_other = list (id, "ref-other", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (of_other), ==, 1);

  g_assert_true (clear (id, &error));
}

/* Clearing */

static void
test_clear (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *json = connection_json ("ref-a", "A", 1, "s");
  g_autofree char *path = history_path (id);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (has_key (id));

  g_assert_true (clear (id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (has_key (id));

  model = list (id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Nothing left to clear: not an error. */
  g_assert_true (clear (id, &error));
  g_assert_no_error (error);
}

/* Neither the key nor what the versions hold is in a log line (debug included). */
static void
test_not_logged (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *secret = random_secret ("history-secret");
  g_autofree char *json = connection_json ("ref-logged", "Logged", 3, secret);
  g_autofree char *key_text = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (append (id, json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);
  model = list (id, NULL, &error);
  g_assert_no_error (error);
  key_text = lookup_key_text (id);
  g_assert_nonnull (key_text);

  /* The debug output was there to look at. */
  g_assert_true (own_logs_contain ("Kept revision 3 of ref-logged"));
  g_assert_false (own_logs_contain (key_text));
  g_assert_false (own_logs_contain (secret));

  g_assert_true (clear (id, &error));
}

/* Signing out of an account takes its history along. */
static void
test_account_removal_clears (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("With history", "client", secret);
  g_autofree char *json = connection_json ("ref-a", "A", 1, "s");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  save_account (store, account, &error);
  g_assert_no_error (error);
  path = history_path (pb_account_get_id (account));
  g_assert_true (append (pb_account_get_id (account), json, PB_HISTORY_EDIT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (remove_account (store, account, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (has_key (pb_account_get_id (account)));
}

/* Without a keyring, and with a locked one: a child process on a bus of its own. */

static void
print_error (const char *what,
             GError     *error)
{
  if (error == NULL)
    g_print ("%s: no error\n", what);
  else
    g_print ("%s: %s (%s)\n", what, error->message,
             error->domain == PB_ACCOUNT_ERROR ? "account error" : "other");
}

static void
test_keyring_missing (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *path = history_path (id);
  g_autofree char *output = NULL;
  int status;

  {
    const char *args[] = { "--child-no-keyring", id, NULL };

    output = run_child_on_private_bus (args, FALSE, &status);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (output, "append: " NO_KEYRING_MESSAGE " (account error)\n"));
  g_assert_nonnull (strstr (output, "list: " NO_KEYRING_MESSAGE " (account error)\n"));
  g_assert_nonnull (strstr (output, "child=done\n"));
  /* Nothing written: the write that asked must not go on. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static int
child_no_keyring (const char *id)
{
  g_autofree char *json = connection_json ("ref-a", "A", 1, "s");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  append (id, json, PB_HISTORY_EDIT, &error);
  print_error ("append", error);
  g_clear_error (&error);
  model = list (id, NULL, &error);
  print_error ("list", error);
  g_print ("child=done\n");

  return 0;
}

static void
test_keyring_locked (void)
{
  /* A keyring of its own (this one gets locked), in throwaway folders. */
  g_autofree char *output = run_child_with_own_keyring ("--child-locked");

  if (output == NULL)
    return;

  g_assert_nonnull (strstr (output, "first: no error\n"));
  g_assert_nonnull (strstr (output, "locked=yes\n"));
  g_assert_nonnull (strstr (output, "append: " LOCKED_MESSAGE " (account error)\n"));
  g_assert_nonnull (strstr (output, "list: " LOCKED_MESSAGE " (account error)\n"));
  g_assert_nonnull (strstr (output, "file-unchanged=yes\n"));
  g_assert_nonnull (strstr (output, "new-append: " LOCKED_MESSAGE " (account error)\n"));
  g_assert_nonnull (strstr (output, "new-file=no\n"));
  g_assert_nonnull (strstr (output, "child=done\n"));
}

static int
child_locked (void)
{
  g_autofree char *id = new_account_id ();
  g_autofree char *other = new_account_id ();
  g_autofree char *path = history_path (id);
  g_autofree char *other_path = history_path (other);
  g_autofree char *first = connection_json ("ref-a", "A", 1, "s");
  g_autofree char *second = connection_json ("ref-a", "A", 2, "s");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GPid daemon_pid = start_private_keyring ();

  append (id, first, PB_HISTORY_EDIT, &error);
  print_error ("first", error);
  g_clear_error (&error);
  before = read_file (path);

  g_print ("locked=%s\n", lock_default_collection () ? "yes" : "no");

  append (id, second, PB_HISTORY_EDIT, &error);
  print_error ("append", error);
  g_clear_error (&error);
  model = list (id, NULL, &error);
  print_error ("list", error);
  g_clear_error (&error);
  after = read_file (path);
  g_print ("file-unchanged=%s\n", g_bytes_equal (before, after) ? "yes" : "no");

  /* A first write, whose key cannot be stored. */
  append (other, first, PB_HISTORY_EDIT, &error);
  print_error ("new-append", error);
  g_print ("new-file=%s\n", g_file_test (other_path, G_FILE_TEST_EXISTS) ? "yes" : "no");

  if (daemon_pid > 0)
    kill (daemon_pid, SIGTERM);
  g_print ("child=done\n");

  return 0;
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = NULL;
  int res;

  setlocale (LC_ALL, "");
  self_path = g_canonicalize_filename (argv[0], NULL);

  if (argc >= 2 && g_str_has_prefix (argv[1], "--child-"))
    {
      if (g_strcmp0 (argv[1], "--child-no-keyring") == 0 && argc == 3)
        return child_no_keyring (argv[2]);
      if (g_strcmp0 (argv[1], "--child-locked") == 0)
        return child_locked ();
      return 2;
    }

  /* Files of this process's own. */
  data_home = g_dir_make_tmp ("pb-test-history-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  test_account_init (&argc, &argv);

  g_test_add_func ("/history/round-trip", test_round_trip);
  g_test_add_func ("/history/odd-connections", test_odd_connections);
  g_test_add_func ("/history/appends-at-once", test_appends_at_once);
  g_test_add_func ("/history/file/private-and-sealed", test_file_private_and_sealed);
  g_test_add_func ("/history/file/of-another-account", test_file_of_another_account);
  g_test_add_func ("/history/unreadable/key-gone", test_key_gone);
  g_test_add_func ("/history/unreadable/damaged", test_damaged);
  g_test_add_func ("/history/max-entries", test_max_entries);
  g_test_add_func ("/history/clear", test_clear);
  g_test_add_func ("/history/clear/with-account", test_account_removal_clears);
  g_test_add_func ("/history/not-logged", test_not_logged);
  g_test_add_func ("/history/keyring/missing", test_keyring_missing);
  g_test_add_func ("/history/keyring/locked", test_keyring_locked);

  res = g_test_run ();

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", data_home);

    g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  }

  return res;
}
