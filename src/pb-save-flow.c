/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-save-flow"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pb-client.h"
#include "pb-connection.h"
#include "pb-diff.h"
#include "pb-format.h"
#include "pb-history.h"
#include "pb-save-conflict.h"
#include "pb-save-flow.h"
#include "pb-save-flow-private.h"
#include "pb-save-preview.h"
#include "pb-window.h"

/* The steps of pb-save-flow.h, one GTask: the preview, the guard, the write, and after a
 * conflict its window, which goes back to the preview with a new draft. */

typedef struct
{
  GtkWindow         *parent;
  PbConnectionStore *store;
  gboolean           production;
  /* What is written: the caller's draft, or after a conflict one made from the version on
   * the server (the caller's draft is never changed). */
  PbConnectionDraft *draft;
  PbSaveKind         kind;
  PbStoreWriteFlags  flags;
  char              *body;   /* what the preview showed and the write sends */
  char              *note;   /* a sentence over the preview, after a conflict */
  PbSavePreview     *preview;
  GtkWidget         *dialog; /* the guard, the conflict or the unknown outcome, while shown */
} SaveFlow;

static void
wipe_free (char *text)
{
  /* A body may hold the client secret the user typed. */
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

/* Windows and questions of the flow hold a reference on its task through their handlers
 * (connect_to_task()); a window the flow closes itself loses them first. */
static void
connect_to_task (gpointer    instance,
                 GCallback   callback,
                 GTask      *task)
{
  g_signal_connect_data (instance, "response", callback, g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#endif

static void
close_window (GtkWidget **window,
              GTask      *task)
{
  GtkWidget *shown = g_steal_pointer (window);

  if (shown == NULL)
    return;

  if (task != NULL)
    g_signal_handlers_disconnect_by_data (shown, task);
#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_DIALOG (shown))
    {
      adw_dialog_force_close (ADW_DIALOG (shown));
      return;
    }
#endif
  gtk_window_destroy (GTK_WINDOW (shown));
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

static void
save_flow_free (SaveFlow *flow)
{
  close_window ((GtkWidget **) &flow->preview, NULL);
  close_window (&flow->dialog, NULL);
  g_clear_object (&flow->parent);
  g_clear_object (&flow->store);
  g_clear_object (&flow->draft);
  g_clear_pointer (&flow->body, wipe_free);
  g_clear_pointer (&flow->note, g_free);
  g_free (flow);
}

static void show_preview (GTask *task);

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("Nothing was sent"));
}

/* {{{ Questions */

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#endif

/* A question closes itself after its response: the flow forgets it, and answers once. */
static gboolean
question_forget (GtkWidget *dialog,
                 SaveFlow  *flow)
{
  if (flow->dialog != dialog)
    return FALSE;

  flow->dialog = NULL;
  return TRUE;
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

/* }}} */
/* {{{ Where the write goes */

static char *
dup_destination (SaveFlow *flow)
{
  g_autofree char *subtitle = NULL;
  PbClient *client = pb_connection_store_get_client (flow->store);
  g_autoptr(GUri) uri = NULL;

  GtkWindow *window = flow->parent;

  /* The account as the window names it ("Demo Data", the host of an account), or as the
   * Compare window names the target; from a dialog over it (History), as the window under it
   * does, so that a restore names the account as a save does. */
  for (; window != NULL && subtitle == NULL; window = gtk_window_get_transient_for (window))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (window),
                                                        "subtitle");

      if (pspec != NULL && pspec->value_type == G_TYPE_STRING)
        g_object_get (window, "subtitle", &subtitle, NULL);
    }
  if (subtitle != NULL && *subtitle != '\0')
    return g_steal_pointer (&subtitle);

  if (client != NULL)
    uri = g_uri_parse (pb_client_get_base_url (client), G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    return g_strdup (g_uri_get_host (uri));

  return g_strdup (_("the server"));
}

/* }}} */
/* {{{ The write */

static PbHistoryReason
get_reason (SaveFlow *flow)
{
  if (flow->flags & PB_STORE_WRITE_OVERWRITE)
    return PB_HISTORY_OVERWRITE;

  switch (flow->kind)
    {
    case PB_SAVE_ARCHIVE:
      return PB_HISTORY_ARCHIVE;
    case PB_SAVE_UNARCHIVE:
      return PB_HISTORY_UNARCHIVE;
    case PB_SAVE_RESTORE:
      return PB_HISTORY_RESTORE;
    case PB_SAVE_PROMOTE:
      return PB_HISTORY_PROMOTE;
    case PB_SAVE_EDIT:
    case PB_SAVE_CREATE:
    default:
      return PB_HISTORY_EDIT;
    }
}

/* A draft of the version now on the server with `content` (what to send) in it, the client
 * secret the user typed kept: what a re-apply or an overwrite writes. */
static gboolean
rebase (SaveFlow   *flow,
        const char *current,
        const char *content,
        GError    **error)
{
  g_autoptr(PbConnectionDraft) draft = NULL;
  const char *secret;

  draft = pb_connection_draft_new_for_json (current, error);
  if (draft == NULL || !pb_connection_draft_replace_content (draft, content, error))
    return FALSE;

  secret = pb_connection_draft_get_text (flow->draft, PB_DRAFT_AUTH_CLIENT_SECRET);
  if (secret != NULL && *secret != '\0')
    pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET, secret);

  g_set_object (&flow->draft, draft);
  return TRUE;
}

static void
conflict_response_cb (PbSaveConflict *conflict,
                      const char     *response,
                      GTask          *task)
{
  SaveFlow *flow = g_task_get_task_data (task);
  g_autofree char *current = g_object_steal_data (G_OBJECT (conflict), "current-json");
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closes itself. */
  flow->dialog = NULL;

  if (g_str_equal (response, "cancel"))
    {
      return_cancelled (task);
      return;
    }

  if (g_str_equal (response, "reapply"))
    {
      content = pb_diff_reapply (pb_connection_draft_get_base_json (flow->draft), flow->body,
                                 current, &error);
      flow->flags = PB_STORE_WRITE_DEFAULT;
      g_free (flow->note);
      flow->note = g_strdup (_("Your changes, applied onto the version now on the server."));
    }
  else
    {
      content = g_strdup (flow->body);
      flow->flags = PB_STORE_WRITE_OVERWRITE;
      g_free (flow->note);
      flow->note = g_strdup (_("This replaces the version now on the server, their changes "
                               "included."));
    }

  if (content == NULL || !rebase (flow, current, content, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  show_preview (task);
}

static void
show_conflict (GTask      *task,
               const char *current)
{
  SaveFlow *flow = g_task_get_task_data (task);
  PbSaveConflict *conflict;

  conflict = pb_save_conflict_new (flow->parent,
                                   pb_connection_draft_get_base_json (flow->draft),
                                   flow->body, current);
  g_object_set_data_full (G_OBJECT (conflict), "current-json", g_strdup (current), g_free);
  connect_to_task (conflict, G_CALLBACK (conflict_response_cb), task);
  flow->dialog = GTK_WIDGET (conflict);
  gtk_window_present (GTK_WINDOW (conflict));
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  if (PB_IS_CONNECTION_STORE (object) && user_data != NULL)
    connection = pb_connection_store_reload_finish (PB_CONNECTION_STORE (object), result,
                                                    &error);
  else
    pb_connection_store_refresh_finish (PB_CONNECTION_STORE (object), result, &error);
  if (error != NULL)
    g_debug ("Reading again after an unknown outcome failed: %s", error->message);
}

static void
uncertain_response_cb (GtkWidget  *dialog,
                       const char *response,
                       GTask      *task)
{
  SaveFlow *flow = g_task_get_task_data (task);
  GError *error = g_object_get_data (G_OBJECT (dialog), "error");
  const char *ref = pb_connection_draft_get_ref (flow->draft);

  if (!question_forget (dialog, flow))
    return;

  if (g_str_equal (response, "reload"))
    {
      if (ref != NULL)
        pb_connection_store_reload_async (flow->store, ref, NULL, reloaded_cb,
                                          GINT_TO_POINTER (TRUE));
      else
        pb_connection_store_refresh_async (flow->store, reloaded_cb, NULL);
    }

  g_task_return_error (task, g_error_copy (error));
}

/* The write may or may not have happened: said, with Reload. The flow ends with the error. */
static void
show_uncertain (GTask        *task,
                const GError *error)
{
  SaveFlow *flow = g_task_get_task_data (task);
  GtkWidget *dialog;

  dialog = _pb_question_new (flow->parent, _("Sent, but Not Confirmed"),
                             _("The connection to the server dropped after the request was "
                               "sent, and reading the connection again could not tell whether "
                               "the change was made. Reload it to see what the server has."));
  _pb_question_set_cancel_label (dialog, _("_Close"));
  _pb_question_add_response (dialog, "reload", _("_Reload"), ADW_RESPONSE_SUGGESTED, TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "error", g_error_copy (error),
                          (GDestroyNotify) g_error_free);
  connect_to_task (dialog, G_CALLBACK (uncertain_response_cb), task);
  flow->dialog = dialog;
  _pb_question_present (dialog, flow->parent);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveFlow *flow = g_task_get_task_data (task);
  PbConnectionStore *store = PB_CONNECTION_STORE (object);
  g_autoptr(PbConnection) connection = NULL;
  g_autofree char *current = NULL;
  g_autoptr(GError) error = NULL;

  if (pb_connection_draft_is_new (flow->draft))
    connection = pb_connection_store_create_finish (store, result, &current, &error);
  else
    connection = pb_connection_store_update_finish (store, result, &current, &error);

  close_window ((GtkWidget **) &flow->preview, task);

  if (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT) && current != NULL)
    {
      show_conflict (task, current);
      return;
    }
  if (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN))
    {
      show_uncertain (task, error);
      return;
    }
  if (connection == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&connection), g_object_unref);
}

static void
send_write (GTask *task)
{
  SaveFlow *flow = g_task_get_task_data (task);

  /* A confirmed write (a batch's) has no preview of its own. */
  if (flow->preview != NULL)
    pb_save_preview_set_busy (flow->preview, TRUE);

  if (pb_connection_draft_is_new (flow->draft))
    pb_connection_store_create_async (flow->store, flow->body, g_task_get_cancellable (task),
                                      written_cb, g_object_ref (task));
  else
    pb_connection_store_update_async (flow->store, pb_connection_draft_get_ref (flow->draft),
                                      pb_connection_draft_get_base_json (flow->draft),
                                      flow->body, get_reason (flow), flow->flags,
                                      g_task_get_cancellable (task),
                                      written_cb, g_object_ref (task));
}

/* }}} */
/* {{{ The production guard */

static void
guard_response_cb (GtkWidget  *dialog,
                   const char *response,
                   GTask      *task)
{
  SaveFlow *flow = g_task_get_task_data (task);

  if (!question_forget (dialog, flow))
    return;

  /* Cancel goes back to the preview, which still shows what would be sent. */
  if (g_str_equal (response, "confirm") && flow->preview != NULL)
    send_write (task);
}

/* Short: libadwaita 1.5's alert dialog also shows its heading as a title that does not wrap. */
const char *
_pb_save_flow_guard_heading (PbSaveKind kind)
{
  switch (kind)
    {
    case PB_SAVE_CREATE:
      return _("Create in Production?");
    case PB_SAVE_ARCHIVE:
      return _("Archive in Production?");
    case PB_SAVE_UNARCHIVE:
      return _("Unarchive in Production?");
    case PB_SAVE_RESTORE:
      return _("Restore in Production?");
    case PB_SAVE_PROMOTE:
      return _("Copy to Production?");
    case PB_SAVE_EDIT:
    default:
      return _("Save to Production?");
    }
}

static void
show_guard (GTask *task)
{
  SaveFlow *flow = g_task_get_task_data (task);
  const char *name = pb_connection_draft_get_text (flow->draft, PB_DRAFT_NAME);
  g_autofree char *shown = pb_format_for_display (name, PB_FORMAT_TITLE_CHARS);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  body = g_strdup_printf (_("This account is a production tenant: the change affects live "
                            "decisions. Type the connection’s name, “%s”, to confirm."),
                          shown);
  dialog = _pb_question_new_guard (GTK_WINDOW (flow->preview), flow->kind, body, name, FALSE,
                                   &entry);
  connect_to_task (dialog, G_CALLBACK (guard_response_cb), task);
  flow->dialog = dialog;
  _pb_question_present (dialog, GTK_WINDOW (flow->preview));
  gtk_widget_grab_focus (entry);
}

/* }}} */
/* {{{ The preview */

static void
preview_response_cb (PbSavePreview *preview,
                     const char    *response,
                     GTask         *task)
{
  SaveFlow *flow = g_task_get_task_data (task);

  if (g_str_equal (response, "cancel"))
    {
      /* The preview closes itself. */
      flow->preview = NULL;
      return_cancelled (task);
      return;
    }

  if (flow->production)
    show_guard (task);
  else
    send_write (task);
}

/* An OAuth connection the API never gave the secret of (a duplicate), without a typed one. */
static gboolean
needs_secret (PbConnectionDraft *draft)
{
  return g_ascii_strcasecmp (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_TYPE),
                             "OAUTH") == 0 &&
         pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET)[0] == '\0';
}

static void
show_preview (GTask *task)
{
  SaveFlow *flow = g_task_get_task_data (task);
  gboolean is_new = pb_connection_draft_is_new (flow->draft);
  PbDraftBody body_kind = is_new ? PB_DRAFT_BODY_CREATE : PB_DRAFT_BODY_UPDATE;
  g_autofree char *masked = NULL;
  g_autofree char *destination = dup_destination (flow);
  g_autofree char *note = NULL;
  const char *warning;

  g_clear_pointer (&flow->body, wipe_free);
  flow->body = pb_connection_draft_dup_body (flow->draft, body_kind);
  masked = pb_connection_draft_dup_body (flow->draft, body_kind | PB_DRAFT_BODY_MASKED);

  flow->preview = pb_save_preview_new (flow->parent, flow->kind,
                                       pb_connection_draft_get_text (flow->draft, PB_DRAFT_NAME),
                                       destination,
                                       is_new ? "{}" : pb_connection_draft_get_base_json (flow->draft),
                                       flow->body, masked);
  if (flow->note != NULL)
    note = g_strdup (flow->note);
  else if (is_new && needs_secret (flow->draft))
    note = g_strdup (_("The new connection has no client secret until you type one in the "
                       "form: without it, its calls cannot sign in."));
  /* What to check comes first: it is the last look before confirming. */
  warning = pb_save_flow_get_draft_warning (flow->draft);
  if (warning != NULL && note != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n\n%s", warning, note);

      g_free (note);
      note = g_steal_pointer (&both);
    }
  else if (warning != NULL)
    note = g_strdup (warning);
  if (note != NULL)
    pb_save_preview_set_note (flow->preview, note);
  pb_save_preview_set_source (flow->preview,
                              g_object_get_data (G_OBJECT (flow->draft), "pb-save-flow-source"),
                              destination);
  connect_to_task (flow->preview, G_CALLBACK (preview_response_cb), task);
  gtk_window_present (GTK_WINDOW (flow->preview));
}

/* }}} */

static void
run_flow (GtkWidget          *parent,
          PbConnectionStore  *store,
          gboolean            production,
          PbConnectionDraft  *draft,
          PbSaveKind          kind,
          gboolean            confirmed,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveFlow *flow;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (PB_IS_CONNECTION_STORE (store));
  g_return_if_fail (PB_IS_CONNECTION_DRAFT (draft));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (parent, cancellable, callback, user_data);
  /* Either way finished by pb_save_flow_run_finish(). */
  g_task_set_source_tag (task, pb_save_flow_run_async);

  root = gtk_widget_get_root (parent);
  flow = g_new0 (SaveFlow, 1);
  flow->parent = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  flow->store = g_object_ref (store);
  flow->production = production;
  flow->draft = g_object_ref (draft);
  flow->kind = kind;
  flow->flags = PB_STORE_WRITE_DEFAULT;
  g_task_set_task_data (task, flow, (GDestroyNotify) save_flow_free);

  if (!confirmed)
    {
      show_preview (task);
      return;
    }

  /* Previewed and guarded with its batch: written as it is. A conflict still stops it, and
   * what follows goes through its own preview and guard. */
  flow->body = pb_connection_draft_dup_body (flow->draft, pb_connection_draft_is_new (draft)
                                                          ? PB_DRAFT_BODY_CREATE
                                                          : PB_DRAFT_BODY_UPDATE);
  send_write (task);
}

void
pb_save_flow_set_draft_warning (PbConnectionDraft *draft,
                                const char        *warning)
{
  g_return_if_fail (PB_IS_CONNECTION_DRAFT (draft));

  g_object_set_data_full (G_OBJECT (draft), "pb-save-flow-warning", g_strdup (warning), g_free);
}

void
pb_save_flow_set_draft_source (PbConnectionDraft *draft,
                               const char        *source)
{
  g_return_if_fail (PB_IS_CONNECTION_DRAFT (draft));

  g_object_set_data_full (G_OBJECT (draft), "pb-save-flow-source", g_strdup (source), g_free);
}

const char *
pb_save_flow_get_draft_warning (PbConnectionDraft *draft)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (draft), NULL);

  return g_object_get_data (G_OBJECT (draft), "pb-save-flow-warning");
}

void
pb_save_flow_run_async (GtkWidget          *parent,
                        PbConnectionStore  *store,
                        gboolean            production,
                        PbConnectionDraft  *draft,
                        PbSaveKind          kind,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  run_flow (parent, store, production, draft, kind, FALSE, cancellable, callback, user_data);
}

void
pb_save_flow_run_confirmed_async (GtkWidget          *parent,
                                  PbConnectionStore  *store,
                                  gboolean            production,
                                  PbConnectionDraft  *draft,
                                  PbSaveKind          kind,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  run_flow (parent, store, production, draft, kind, TRUE, cancellable, callback, user_data);
}

PbConnection *
pb_save_flow_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_save_flow_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* {{{ Saying a failure */

char *
pb_save_flow_describe_failure (const GError *error,
                               PbSaveKind    kind)
{
  gboolean unreachable;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN))
    return NULL;

  unreachable = g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK)
                || g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT);
  switch (kind)
    {
    case PB_SAVE_ARCHIVE:
    case PB_SAVE_UNARCHIVE:
      if (unreachable)
        return g_strdup (_("Nothing was changed: the server could not be reached. Try again "
                           "once it is back."));
      /* Translators: %s says why */
      return g_strdup_printf (_("Nothing was changed: %s"), error->message);
    case PB_SAVE_RESTORE:
      if (unreachable)
        return g_strdup (_("Nothing was restored: the server could not be reached. Try again "
                           "once it is back."));
      /* Translators: %s says why */
      return g_strdup_printf (_("Nothing was restored: %s"), error->message);
    case PB_SAVE_PROMOTE:
      if (unreachable)
        return g_strdup (_("Nothing was copied: the server could not be reached. Try again "
                           "once it is back."));
      /* Translators: %s says why */
      return g_strdup_printf (_("Nothing was copied: %s"), error->message);
    case PB_SAVE_EDIT:
    case PB_SAVE_CREATE:
    default:
      if (unreachable)
        return g_strdup (_("Nothing was saved: the server could not be reached. Your changes "
                           "are still in the form; press Retry once the server is back."));
      /* Translators: %s is why the server refused a save, a sentence of its own. */
      return g_strdup_printf (_("Nothing was saved. %s"), error->message);
    }
}

/* }}} */
