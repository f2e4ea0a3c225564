/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-save-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-accessible.h"
#include "pb-diff.h"
#include "pb-diff-view.h"
#include "pb-format.h"
#include "pb-json.h"
#include "pb-save-preview.h"

struct _PbSavePreview
{
  AdwWindow       parent_instance;

  PbSaveKind      kind;
  char           *base_json;
  char           *body_json;
  char           *masked_body_json;
  gboolean        reveal_secrets;
  gboolean        responded;
  gboolean        busy;
  guint           n_changes;

  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkStack       *apply_stack;
  GtkButton      *apply_button;
  GtkSpinner     *spinner;
  GtkLabel       *heading_label;
  GtkLabel       *intro_label;
  GtkLabel       *note_label;
  AdwPreferencesGroup *changes_group;
  PbDiffView     *diff_view;
  GtkWidget      *secrets_row;
  GtkTextView    *body_view;
};

G_DEFINE_FINAL_TYPE (PbSavePreview, pb_save_preview, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_REVEAL_SECRETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* {{{ Words of each kind of write */

static char *
dup_heading (PbSaveKind  kind,
             const char *name)
{
  switch (kind)
    {
    case PB_SAVE_CREATE:
      /* Translators: the heading of the preview of a new connection; %s is its name */
      return g_strdup_printf (_("Create “%s”?"), name);
    case PB_SAVE_ARCHIVE:
      /* Translators: %s is a connection's name */
      return g_strdup_printf (_("Archive “%s”?"), name);
    case PB_SAVE_UNARCHIVE:
      /* Translators: %s is a connection's name */
      return g_strdup_printf (_("Unarchive “%s”?"), name);
    case PB_SAVE_RESTORE:
      /* Translators: %s is a connection's name */
      return g_strdup_printf (_("Restore “%s”?"), name);
    case PB_SAVE_PROMOTE:
      /* Translators: the heading of the preview of a copy from another account; %s is the
       * connection's name */
      return g_strdup_printf (_("Copy “%s”?"), name);
    case PB_SAVE_EDIT:
    default:
      /* Translators: %s is a connection's name */
      return g_strdup_printf (_("Save Changes to “%s”?"), name);
    }
}

static const char *
get_title (PbSaveKind kind)
{
  switch (kind)
    {
    case PB_SAVE_CREATE:
      return _("Create Connection");
    case PB_SAVE_ARCHIVE:
      return _("Archive Connection");
    case PB_SAVE_UNARCHIVE:
      return _("Unarchive Connection");
    case PB_SAVE_RESTORE:
      return _("Restore Version");
    case PB_SAVE_PROMOTE:
      return _("Copy Connection");
    case PB_SAVE_EDIT:
    default:
      return _("Save Changes");
    }
}

const char *
pb_save_kind_get_action_label (PbSaveKind kind)
{
  switch (kind)
    {
    case PB_SAVE_CREATE:
      return _("_Create");
    case PB_SAVE_ARCHIVE:
      return _("_Archive");
    case PB_SAVE_UNARCHIVE:
      return _("_Unarchive");
    case PB_SAVE_RESTORE:
      return _("_Restore");
    case PB_SAVE_PROMOTE:
      /* Translators: the button that copies a connection to another account */
      return _("_Copy");
    case PB_SAVE_EDIT:
    default:
      return _("_Save");
    }
}

static char *
dup_intro (PbSaveKind  kind,
           const char *destination)
{
  switch (kind)
    {
    case PB_SAVE_CREATE:
      /* Translators: %s is where it goes: an account, a host */
      return g_strdup_printf (_("A new connection is created in %s. Every field is new."),
                              destination);
    case PB_SAVE_ARCHIVE:
      /* Translators: %s is where it goes: an account, a host */
      return g_strdup_printf (_("An archived connection cannot be edited until it is "
                                "unarchived. Sent to %s."), destination);
    case PB_SAVE_RESTORE:
      /* Translators: %s is where it goes: an account, a host */
      return g_strdup_printf (_("The connection gets back the content of an earlier version. "
                                "Sent to %s."), destination);
    case PB_SAVE_PROMOTE:
      /* Translators: %s is where it goes: an account, a host */
      return g_strdup_printf (_("The connection as the other account has it, copied to %s. "
                                "What changes there:"), destination);
    case PB_SAVE_UNARCHIVE:
    case PB_SAVE_EDIT:
    default:
      /* Translators: %s is where it goes: an account, a host */
      return g_strdup_printf (_("What changes on the server, sent to %s."), destination);
    }
}

/* }}} */

static void
show_differences (PbSavePreview *self)
{
  PbDiffFlags flags = PB_DIFF_IGNORE_SERVER_FIELDS;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pretty = NULL;
  const char *body;

  if (self->reveal_secrets)
    flags |= PB_DIFF_REVEAL_SECRETS;

  entries = pb_diff_connections (self->base_json, self->body_json, flags, &error);
  if (entries == NULL)
    {
      /* The draft made the body: it is an object. Said rather than hidden, should it not be. */
      g_debug ("The preview could not compare the versions: %s", error->message);
      pb_diff_view_set_placeholder (self->diff_view, error->message);
    }
  /* A new connection is not archived: a default, not something the user changed. */
  for (guint i = 0; entries != NULL && self->kind == PB_SAVE_CREATE && i < entries->len; i++)
    {
      const PbDiffEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind == PB_DIFF_ADDED && g_strcmp0 (entry->path, "archived") == 0 &&
          g_strcmp0 (entry->new_text, "false") == 0)
        g_ptr_array_remove_index (entries, i--);
    }
  pb_diff_view_set_entries (self->diff_view, entries);

  body = self->reveal_secrets ? self->body_json : self->masked_body_json;
  pretty = pb_json_text_pretty (body);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            pretty != NULL ? pretty : body, -1);
}

static void
show_count (PbSavePreview *self)
{
  g_autofree char *description = NULL;

  self->n_changes = pb_diff_view_get_n_entries (self->diff_view);
  if (self->n_changes > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field", "%u fields",
                                                self->n_changes),
                                   self->n_changes);
  adw_preferences_group_set_description (self->changes_group, description);

  /* Nothing to send: nothing to confirm. */
  gtk_widget_set_visible (GTK_WIDGET (self->apply_stack), self->n_changes > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.apply", self->n_changes > 0);
  if (self->n_changes == 0)
    {
      gtk_label_set_text (self->intro_label,
                          _("Nothing changed: the server already has this version."));
      gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
    }
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PbSavePreview *self = PB_SAVE_PREVIEW (widget);

  if (self->busy || self->n_changes == 0 || self->responded)
    return;

  g_signal_emit (self, signals[RESPONSE], 0, "apply");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
pb_save_preview_close_request (GtkWindow *window)
{
  PbSavePreview *self = PB_SAVE_PREVIEW (window);

  /* What is being sent is not stopped half-way: the window waits for the answer. */
  if (self->busy)
    return TRUE;

  if (!self->responded)
    {
      self->responded = TRUE;
      g_signal_emit (self, signals[RESPONSE], 0, "cancel");
    }

  return GTK_WINDOW_CLASS (pb_save_preview_parent_class)->close_request (window);
}

guint
pb_save_preview_get_n_changes (PbSavePreview *self)
{
  g_return_val_if_fail (PB_IS_SAVE_PREVIEW (self), 0);

  return self->n_changes;
}

gboolean
pb_save_preview_get_reveal_secrets (PbSavePreview *self)
{
  g_return_val_if_fail (PB_IS_SAVE_PREVIEW (self), FALSE);

  return self->reveal_secrets;
}

void
pb_save_preview_set_reveal_secrets (PbSavePreview *self,
                                    gboolean       reveal_secrets)
{
  g_return_if_fail (PB_IS_SAVE_PREVIEW (self));

  reveal_secrets = !!reveal_secrets;
  if (reveal_secrets == self->reveal_secrets)
    return;

  self->reveal_secrets = reveal_secrets;
  show_differences (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_SECRETS]);
}

void
pb_save_preview_set_note (PbSavePreview *self,
                          const char    *note)
{
  g_return_if_fail (PB_IS_SAVE_PREVIEW (self));

  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');
}

void
pb_save_preview_set_source (PbSavePreview *self,
                            const char    *source,
                            const char    *destination)
{
  g_autofree char *intro = NULL;

  g_return_if_fail (PB_IS_SAVE_PREVIEW (self));

  if (self->kind != PB_SAVE_PROMOTE || source == NULL || self->n_changes == 0)
    return;
  /* Translators: the first %s is the account a copy comes from, the second where it goes */
  intro = g_strdup_printf (_("The connection as %s has it, copied to %s. What changes there:"),
                           source, destination != NULL ? destination : "");
  gtk_label_set_text (self->intro_label, intro);
}

void
pb_save_preview_set_busy (PbSavePreview *self,
                          gboolean       busy)
{
  g_return_if_fail (PB_IS_SAVE_PREVIEW (self));

  self->busy = !!busy;
  gtk_stack_set_visible_child_name (self->apply_stack, busy ? "busy" : "button");
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.cancel", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.apply",
                                 !busy && self->n_changes > 0);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
}

static void
pb_save_preview_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbSavePreview *self = PB_SAVE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_REVEAL_SECRETS:
      g_value_set_boolean (value, self->reveal_secrets);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_save_preview_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbSavePreview *self = PB_SAVE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_REVEAL_SECRETS:
      pb_save_preview_set_reveal_secrets (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_save_preview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_SAVE_PREVIEW);

  G_OBJECT_CLASS (pb_save_preview_parent_class)->dispose (object);
}

static void
pb_save_preview_finalize (GObject *object)
{
  PbSavePreview *self = PB_SAVE_PREVIEW (object);

  g_free (self->base_json);
  /* The body may hold the client secret the user typed. */
  if (self->body_json != NULL)
    {
      explicit_bzero (self->body_json, strlen (self->body_json));
      g_free (self->body_json);
    }
  g_free (self->masked_body_json);

  G_OBJECT_CLASS (pb_save_preview_parent_class)->finalize (object);
}

static void
pb_save_preview_class_init (PbSavePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = pb_save_preview_get_property;
  object_class->set_property = pb_save_preview_set_property;
  object_class->dispose = pb_save_preview_dispose;
  object_class->finalize = pb_save_preview_finalize;
  window_class->close_request = pb_save_preview_close_request;

  properties[PROP_REVEAL_SECRETS] =
    g_param_spec_boolean ("reveal-secrets", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* "apply" (the window stays: the caller closes it), or "cancel" once, as the window closes
   * (Cancel, Escape, its close button). */
  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PB_TYPE_DIFF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-save-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, apply_stack);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, note_label);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, changes_group);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, diff_view);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, secrets_row);
  gtk_widget_class_bind_template_child (widget_class, PbSavePreview, body_view);

  gtk_widget_class_install_action (widget_class, "preview.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "preview.cancel", NULL, cancel_action);
  gtk_widget_class_install_property_action (widget_class, "preview.reveal-secrets",
                                            "reveal-secrets");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "preview.cancel", NULL);
}

static void
pb_save_preview_init (PbSavePreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PbSavePreview *
pb_save_preview_new (GtkWindow  *parent,
                     PbSaveKind  kind,
                     const char *name,
                     const char *destination,
                     const char *base_json,
                     const char *body_json,
                     const char *masked_body_json)
{
  PbSavePreview *self;
  g_autofree char *shown_name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (base_json != NULL, NULL);
  g_return_val_if_fail (body_json != NULL, NULL);
  g_return_val_if_fail (masked_body_json != NULL, NULL);

  self = g_object_new (PB_TYPE_SAVE_PREVIEW, "transient-for", parent, NULL);
  self->kind = kind;
  self->base_json = g_strdup (base_json);
  self->body_json = g_strdup (body_json);
  self->masked_body_json = g_strdup (masked_body_json);

  shown_name = pb_format_for_display (name != NULL && *name != '\0' ? name : _("Unnamed"),
                                      PB_FORMAT_TITLE_CHARS);
  heading = dup_heading (kind, shown_name);
  intro = dup_intro (kind, destination != NULL ? destination : "");
  gtk_window_set_title (GTK_WINDOW (self), heading);
  adw_window_title_set_title (self->window_title, get_title (kind));
  adw_window_title_set_subtitle (self->window_title, destination);
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->intro_label, intro);
  gtk_button_set_label (self->apply_button, pb_save_kind_get_action_label (kind));
  /* Archive takes the connection out of use: it looks so. A restore is kept in History too,
   * and can be undone as any save: it is the suggested way on. */
  if (kind == PB_SAVE_ARCHIVE)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "destructive-action");
    }

  /* The switch shows only when something is masked. */
  gtk_widget_set_visible (self->secrets_row, g_strcmp0 (body_json, masked_body_json) != 0);

  show_differences (self);
  show_count (self);
  pb_accessible_name_text_buttons (GTK_WIDGET (self));

  return self;
}
