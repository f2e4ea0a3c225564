/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-save-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pb-diff.h"
#include "pb-diff-view.h"
#include "pb-format.h"
#include "pb-save-flow.h"
#include "pb-save-flow-private.h"
#include "pb-save-preview.h"

/* Step 1 of a batch (pb-save-flow.h): the preview of every draft, then the guard once. The
 * writes are pb_save_flow_run_confirmed_async()'s (pb-save-flow.c). */

struct _PbSaveBatchPreview
{
  AdwWindow  parent_instance;

  GtkWidget *apply_button;
};

G_DEFINE_FINAL_TYPE (PbSaveBatchPreview, pb_save_batch_preview, ADW_TYPE_WINDOW)

static void
pb_save_batch_preview_class_init (PbSaveBatchPreviewClass *klass)
{
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
pb_save_batch_preview_init (PbSaveBatchPreview *self)
{
}

typedef struct
{
  GtkWindow          *parent;
  gboolean            production;
  PbSaveKind          kind;
  GPtrArray          *drafts;
  char               *destination;
  GStrv               notes;       /* what is left out, and why */
  GPtrArray          *diff_views;  /* of PbDiffView, one per draft (owned by the preview) */
  gboolean            reveal_secrets;
  PbSaveBatchPreview *preview;
  GtkWidget          *guard;
} BatchFlow;

static void
close_window (GtkWidget **window,
              GTask      *task)
{
  GtkWidget *shown = g_steal_pointer (window);

  if (shown == NULL)
    return;
  g_signal_handlers_disconnect_by_data (shown, task);
  gtk_window_destroy (GTK_WINDOW (shown));
}

static void
destroy_cb (gpointer data)
{
  gtk_window_destroy (data);
}

static void
batch_flow_free (BatchFlow *flow)
{
  if (flow->preview != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&flow->preview)));
  g_clear_object (&flow->parent);
  g_clear_pointer (&flow->drafts, g_ptr_array_unref);
  g_clear_pointer (&flow->notes, g_strfreev);
  g_clear_pointer (&flow->diff_views, g_ptr_array_unref);
  g_free (flow->destination);
  g_free (flow);
}

/* The account as the parent names it (its "subtitle"), as the preview of one write does. */
static char *
dup_destination (GtkWindow *parent)
{
  g_autofree char *subtitle = NULL;
  GParamSpec *pspec = parent != NULL
                      ? g_object_class_find_property (G_OBJECT_GET_CLASS (parent), "subtitle")
                      : NULL;

  if (pspec != NULL && pspec->value_type == G_TYPE_STRING)
    g_object_get (parent, "subtitle", &subtitle, NULL);
  if (subtitle != NULL && *subtitle != '\0')
    return g_steal_pointer (&subtitle);
  return g_strdup (_("the server"));
}

static char *
dup_name (PbConnectionDraft *draft)
{
  return pb_format_for_display (pb_connection_draft_get_text (draft, PB_DRAFT_NAME),
                                PB_FORMAT_TITLE_CHARS);
}

/* {{{ The guard */

static void
guard_response_cb (GtkWidget  *dialog,
                   const char *response,
                   GTask      *task)
{
  BatchFlow *flow = g_task_get_task_data (task);

  if (flow->guard != dialog)
    return;
  flow->guard = NULL;

  /* Cancel goes back to the preview, which still shows what would be sent. */
  if (!g_str_equal (response, "confirm") || flow->preview == NULL)
    return;

  /* The guard is the preview's and is still answering: the preview goes once it is done. */
  g_signal_handlers_disconnect_by_data (flow->preview, task);
  g_idle_add_once (destroy_cb, g_steal_pointer (&flow->preview));
  g_task_return_boolean (task, TRUE);
}

static void
show_guard (GTask *task)
{
  BatchFlow *flow = g_task_get_task_data (task);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *shown = NULL;
  const char *typed;
  GtkWidget *dialog;
  GtkWidget *entry;

  g_string_append_printf (body,
                          /* Translators: %s is the name of an account; a list of connection
                           * names follows */
                          ngettext ("This account is a production tenant: the change affects "
                                    "live decisions. This connection is written to %s:",
                                    "This account is a production tenant: the changes affect "
                                    "live decisions. These connections are written to %s:",
                                    flow->drafts->len),
                          flow->destination);
  for (guint i = 0; i < flow->drafts->len; i++)
    {
      g_autofree char *name = dup_name (g_ptr_array_index (flow->drafts, i));

      g_string_append_printf (body, "\n• %s", name);
    }
  g_string_append (body, "\n\n");
  /* The rule of the guard of one write: one connection, its name is typed; several, the
   * account's name. */
  if (flow->drafts->len == 1)
    {
      typed = pb_connection_draft_get_text (g_ptr_array_index (flow->drafts, 0), PB_DRAFT_NAME);
      shown = pb_format_for_display (typed, PB_FORMAT_TITLE_CHARS);
      /* Translators: %s is the name of a connection */
      g_string_append_printf (body, _("Type the connection’s name, “%s”, to confirm."), shown);
    }
  else
    {
      typed = flow->destination;
      /* Translators: %s is the name of an account */
      g_string_append_printf (body, _("Type the account’s name, “%s”, to confirm."),
                              flow->destination);
    }

  dialog = _pb_question_new_guard (GTK_WINDOW (flow->preview), flow->kind, body->str, typed,
                                   flow->drafts->len > 1, &entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (guard_response_cb), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  flow->guard = dialog;
  _pb_question_present (dialog, GTK_WINDOW (flow->preview));
  gtk_widget_grab_focus (entry);
}

/* }}} */
/* {{{ The preview */

static void
apply_clicked_cb (GtkButton *button,
                  GTask     *task)
{
  BatchFlow *flow = g_task_get_task_data (task);

  if (flow->production)
    {
      show_guard (task);
      return;
    }
  close_window ((GtkWidget **) &flow->preview, task);
  g_task_return_boolean (task, TRUE);
}

static gboolean
preview_close_cb (GtkWindow *window,
                  GTask     *task)
{
  BatchFlow *flow = g_task_get_task_data (task);

  /* Closed (Cancel, Escape): nothing is sent. */
  g_signal_handlers_disconnect_by_data (window, task);
  flow->preview = NULL;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Nothing was sent"));
  return FALSE;
}

/* The differences as the preview of one write shows them (pb-save-preview.c): the body that
 * is sent against the version on the server, secret-looking values masked in both unless
 * Show Secrets is on (a body masked against a base that is not would show every secret as a
 * change). */
static void
show_differences (BatchFlow  *flow,
                  PbDiffView *diff_view)
{
  PbConnectionDraft *draft = g_object_get_data (G_OBJECT (diff_view), "draft");
  gboolean is_new = pb_connection_draft_is_new (draft);
  PbDraftBody body_kind = is_new ? PB_DRAFT_BODY_CREATE : PB_DRAFT_BODY_UPDATE;
  PbDiffFlags flags = PB_DIFF_IGNORE_SERVER_FIELDS;
  g_autofree char *body = pb_connection_draft_dup_body (draft, body_kind);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (flow->reveal_secrets)
    flags |= PB_DIFF_REVEAL_SECRETS;
  entries = pb_diff_connections (is_new ? "{}" : pb_connection_draft_get_base_json (draft),
                                 body, flags, &error);
  if (body != NULL)
    memset (body, 0, strlen (body));
  /* A new connection is not archived: a default, as the preview of one says. */
  for (guint i = 0; entries != NULL && is_new && i < entries->len; i++)
    {
      const PbDiffEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind == PB_DIFF_ADDED && g_strcmp0 (entry->path, "archived") == 0
          && g_strcmp0 (entry->new_text, "false") == 0)
        g_ptr_array_remove_index (entries, i--);
    }
  if (entries == NULL)
    pb_diff_view_set_placeholder (diff_view, error->message);
  else
    pb_diff_view_set_placeholder (diff_view, _("Nothing changed"));
  pb_diff_view_set_entries (diff_view, entries);
}

static void
secrets_toggled_cb (GtkSwitch  *secrets_switch,
                    GParamSpec *pspec,
                    GTask      *task)
{
  BatchFlow *flow = g_task_get_task_data (task);

  flow->reveal_secrets = gtk_switch_get_active (secrets_switch);
  for (guint i = 0; i < flow->diff_views->len; i++)
    show_differences (flow, g_ptr_array_index (flow->diff_views, i));
}

static GtkWidget *
new_draft_group (BatchFlow         *flow,
                 PbConnectionDraft *draft)
{
  gboolean is_new = pb_connection_draft_is_new (draft);
  g_autofree char *name = dup_name (draft);
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *diff_view = pb_diff_view_new ();

  if (is_new)
    /* Translators: %s is the name of an account */
    description = g_strdup_printf (_("Created in %s"), flow->destination);
  else
    /* Translators: %s is the name of an account */
    description = g_strdup_printf (_("Replaces the version in %s"), flow->destination);
  escaped = g_markup_escape_text (description, -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);

  if (pb_save_flow_get_draft_warning (draft) != NULL)
    {
      GtkWidget *warning = gtk_label_new (pb_save_flow_get_draft_warning (draft));

      gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
      gtk_label_set_xalign (GTK_LABEL (warning), 0);
      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_margin_bottom (warning, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), warning);
    }
  g_object_set_data_full (G_OBJECT (diff_view), "draft", g_object_ref (draft), g_object_unref);
  g_ptr_array_add (flow->diff_views, diff_view);
  show_differences (flow, PB_DIFF_VIEW (diff_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), diff_view);
  return group;
}

/* The connections chosen that are not copied, each with why: said before anything is sent. */
static GtkWidget *
new_notes_group (BatchFlow *flow)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Not Copied"));
  for (guint i = 0; flow->notes[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (flow->notes[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "warning");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
    }
  return group;
}

/* Show Secrets, as in the preview of one write: only when something is masked. */
static GtkWidget *
new_secrets_list (BatchFlow *flow,
                  GTask     *task)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *secrets_switch = gtk_switch_new ();
  gboolean masked = FALSE;

  for (guint i = 0; !masked && i < flow->drafts->len; i++)
    {
      PbConnectionDraft *draft = g_ptr_array_index (flow->drafts, i);
      PbDraftBody body_kind = pb_connection_draft_is_new (draft) ? PB_DRAFT_BODY_CREATE
                                                                 : PB_DRAFT_BODY_UPDATE;
      g_autofree char *body = pb_connection_draft_dup_body (draft, body_kind);
      g_autofree char *masked_body = pb_connection_draft_dup_body (draft, body_kind
                                                                          | PB_DRAFT_BODY_MASKED);

      masked = g_strcmp0 (body, masked_body) != 0;
      if (body != NULL)
        memset (body, 0, strlen (body));
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Show _Secrets"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Values that look secret are masked"));
  gtk_widget_set_valign (secrets_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), secrets_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), secrets_switch);
  g_signal_connect_data (secrets_switch, "notify::active", G_CALLBACK (secrets_toggled_cb),
                         g_object_ref (task), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_widget_set_visible (list, masked);
  return list;
}

static void
show_preview (GTask *task)
{
  BatchFlow *flow = g_task_get_task_data (task);
  PbSaveBatchPreview *preview = g_object_new (PB_TYPE_SAVE_BATCH_PREVIEW,
                                              "modal", TRUE,
                                              "transient-for", flow->parent,
                                              "default-width", 720,
                                              "default-height", 640,
                                              NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *intro;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (flow->kind == PB_SAVE_PROMOTE)
    /* Translators: the title of the preview of several copies, a question */
    title = g_strdup_printf (ngettext ("Copy %u Connection?", "Copy %u Connections?",
                                       flow->drafts->len),
                             flow->drafts->len);
  else
    /* Translators: the title of the preview of several writes */
    title = g_strdup_printf (ngettext ("%u Connection", "%u Connections", flow->drafts->len),
                             flow->drafts->len);
  gtk_window_set_title (GTK_WINDOW (preview), title);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  preview->apply_button = gtk_button_new_with_mnemonic (pb_save_kind_get_action_label (flow->kind));
  /* As the preview of one write: the guard that follows in production says the risk. */
  gtk_widget_add_css_class (preview->apply_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), preview->apply_button);
  gtk_box_append (GTK_BOX (box), header);

  /* Translators: %s is the name of an account */
  text = g_strdup_printf (ngettext ("Each connection is written to %s on its own, in this "
                                    "order, with its own check for changes made there since "
                                    "it was loaded. Secret-looking values are masked.",
                                    "Each connection is written to %s on its own, in this "
                                    "order, with its own check for changes made there since "
                                    "it was loaded. Secret-looking values are masked.",
                                    flow->drafts->len), flow->destination);
  intro = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (groups), intro);
  if (flow->notes != NULL && flow->notes[0] != NULL)
    gtk_box_append (GTK_BOX (groups), new_notes_group (flow));
  gtk_box_append (GTK_BOX (groups), new_secrets_list (flow, task));
  for (guint i = 0; i < flow->drafts->len; i++)
    gtk_box_append (GTK_BOX (groups), new_draft_group (flow, g_ptr_array_index (flow->drafts, i)));
  gtk_widget_set_margin_top (groups, 24);
  gtk_widget_set_margin_bottom (groups, 24);
  gtk_widget_set_margin_start (groups, 12);
  gtk_widget_set_margin_end (groups, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), groups);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (preview), box);

  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), preview);
  g_signal_connect_data (preview->apply_button, "clicked", G_CALLBACK (apply_clicked_cb),
                         g_object_ref (task), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  g_signal_connect_data (preview, "close-request", G_CALLBACK (preview_close_cb),
                         g_object_ref (task), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  flow->preview = preview;
  gtk_window_present (GTK_WINDOW (preview));
}

/* }}} */

void
pb_save_flow_confirm_batch_async (GtkWidget          *parent,
                                  gboolean            production,
                                  PbSaveKind          kind,
                                  GPtrArray          *drafts,
                                  const char * const *notes,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  BatchFlow *flow;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (drafts != NULL && drafts->len > 0);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_save_flow_confirm_batch_async);

  root = gtk_widget_get_root (parent);
  flow = g_new0 (BatchFlow, 1);
  flow->parent = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  flow->production = production;
  flow->kind = kind;
  flow->drafts = g_ptr_array_ref (drafts);
  flow->notes = g_strdupv ((char **) notes);
  flow->diff_views = g_ptr_array_new ();
  flow->destination = dup_destination (flow->parent);
  g_task_set_task_data (task, flow, (GDestroyNotify) batch_flow_free);

  show_preview (task);
}

gboolean
pb_save_flow_confirm_batch_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == pb_save_flow_confirm_batch_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
