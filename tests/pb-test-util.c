/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-util"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "pb-test-util.h"

/* How often a blocking wait wakes up to look at its condition and its deadline. */
#define TICK_MS 20

char *
pb_test_read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

char *
pb_test_json (const char *text)
{
  char *json = g_strdup (text);

  g_strdelimit (json, "'", '"');
  return json;
}

const char *
pb_test_use_build_catalogs (void)
{
  const char *code = g_getenv ("LANGUAGE");
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = NULL;
  const char *messages;

  g_assert_nonnull (code);
  mo = g_build_filename (localedir, code, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: build the project first (meson compile)", mo);

  /* gettext ignores LANGUAGE in the "C" locale. The language's own locale (de_DE.UTF-8) is
   * the sure way; where it is not generated, C.UTF-8 lets glibc 2.35 and 2.36 choose (newer
   * ones ignore LANGUAGE there too, so the test command generates the locales it needs). */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX")
      || g_str_has_prefix (messages, "C."))
    {
      g_autofree char *region = g_ascii_strup (code, -1);
      g_autofree char *locale = g_strdup_printf ("%s_%s.UTF-8", code, region);

      if (setlocale (LC_ALL, locale) == NULL)
        g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return code;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* A timeout on the thread-default main context, which the waits run. */
static GSource *
add_timeout (guint       milliseconds,
             GSourceFunc callback,
             gpointer    data)
{
  GSource *source = g_timeout_source_new (milliseconds);

  g_source_set_callback (source, callback, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());

  return source;
}

void
pb_test_spin (guint milliseconds)
{
  gboolean done = FALSE;
  g_autoptr(GSource) timeout = add_timeout (milliseconds, set_flag_cb, &done);

  while (!done)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}

gboolean
pb_test_wait_until_limit (PbTestCondition condition,
                          gpointer        data,
                          guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  g_autoptr(GSource) tick = add_timeout (TICK_MS, wake_up_cb, NULL);
  gboolean held;

  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

  g_source_destroy (tick);

  return held;
}

void
pb_test_wait_until (PbTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  if (!pb_test_wait_until_limit (condition, data, PB_TEST_WAIT_LIMIT_SECONDS))
    g_error ("Gave up waiting for %s", what);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

void
pb_test_wait_for_flag (gboolean *flag)
{
  pb_test_wait_until (flag_is_set, flag, "a callback");
}

gboolean
pb_test_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
pb_test_is_not_null (gpointer data)
{
  return *(gpointer *) data != NULL;
}

void
pb_test_waiter_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PbTestWaiter *waiter = user_data;

  g_assert_null (waiter->result);
  waiter->result = g_object_ref (result);
}

GAsyncResult *
pb_test_waiter_wait (PbTestWaiter *waiter)
{
  pb_test_wait_until (pb_test_is_not_null, &waiter->result, "an asynchronous call to finish");

  return waiter->result;
}

void
pb_test_waiter_clear (PbTestWaiter *waiter)
{
  g_clear_object (&waiter->result);
}

gboolean
pb_test_unref_and_wait_finalized (gpointer object,
                                  guint    seconds)
{
  gpointer weak = object;

  g_assert_true (G_IS_OBJECT (object));
  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  if (pb_test_wait_until_limit (pb_test_is_null, &weak, seconds))
    return TRUE;

  g_object_remove_weak_pointer (G_OBJECT (weak), &weak);
  return FALSE;
}

void
pb_test_assert_finalized (gpointer object)
{
  const char *type = G_OBJECT_TYPE_NAME (object);

  if (!pb_test_unref_and_wait_finalized (object, PB_TEST_WAIT_LIMIT_SECONDS))
    g_error ("A %s was not freed", type);
}

void
pb_test_skip_or_fail (const char *reason)
{
  if (g_getenv ("CI") != NULL)
    g_test_fail_printf ("%s (CI is set: a test must not skip there)", reason);
  else
    g_test_skip (reason);
}

/* What the process logged since pb_test_capture_logs(). */
static GString *captured_logs;
static GLogFunc previous_log_handler;
static gpointer previous_log_handler_data;
G_LOCK_DEFINE_STATIC (captured_logs);

static void
capture_line (const char *domain,
              const char *message)
{
  G_LOCK (captured_logs);
  g_string_append_printf (captured_logs, "%s: %s\n", domain != NULL ? domain : "", message);
  G_UNLOCK (captured_logs);
}

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *message = NULL;
  g_autofree char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      char **slot = g_strcmp0 (fields[i].key, "MESSAGE") == 0 ? &message
                    : g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 ? &domain : NULL;

      if (slot != NULL && *slot == NULL)
        *slot = fields[i].length < 0 ? g_strdup (fields[i].value)
                                     : g_strndup (fields[i].value, fields[i].length);
    }
  if (message != NULL)
    capture_line (domain, message);

  /* Debug output is turned on to be read here, not to fill the test's log. */
  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* What comes through g_log() and a default handler of the test framework's that does not pass
 * it to the writer (newer GLib). */
static void
capture_handler (const char     *domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  capture_line (domain, message);
  if (!(log_level & G_LOG_LEVEL_DEBUG))
    previous_log_handler (domain, log_level, message, previous_log_handler_data);
}

void
pb_test_capture_logs (void)
{
  g_assert_null (captured_logs);

  captured_logs = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  previous_log_handler = g_log_set_default_handler (capture_handler, NULL);
  g_log_set_debug_enabled (TRUE);
}

gboolean
pb_test_logs_contain (const char *text)
{
  gboolean found;

  g_assert_nonnull (captured_logs);

  G_LOCK (captured_logs);
  found = strstr (captured_logs->str, text) != NULL;
  G_UNLOCK (captured_logs);

  return found;
}

/* Whether `text` is in the `length` bytes at `data`, NUL bytes and all. */
static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *text)
{
  gsize text_length = strlen (text);

  g_assert_cmpuint (text_length, >, 0);
  for (gsize i = 0; text_length <= length && i <= length - text_length; i++)
    if (data[i] == text[0] && memcmp (data + i, text, text_length) == 0)
      return TRUE;

  return FALSE;
}

char *
pb_test_find_file_with (const char *folder,
                        const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          char *found = pb_test_find_file_with (path, text);

          if (found != NULL)
            return found;
          continue;
        }
      if (g_file_get_contents (path, &contents, &length, NULL)
          && bytes_contain (contents, length, text))
        return g_steal_pointer (&path);
    }

  return NULL;
}
