/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-accessible.h"
#include "pb-connection-editor-private.h"
#include "pb-format.h"

/* The edit form: its header (Cancel, the title, Test, Save), the checks that run as the user
 * types and what they say, and the error of the last save. The fields' controls are in
 * pb-connection-editor-fields.c, the tables in pb-connection-editor-rows.c. */

G_DEFINE_FINAL_TYPE (PbConnectionEditor, pb_connection_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_CANCEL,
  SIGNAL_TEST,
  SIGNAL_SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean pb_connection_editor_check_idle_cb (gpointer user_data);

/* Whether saving would change anything: a new connection (a copy too) is saved as it is. */
static gboolean
pb_connection_editor_has_changes (PbConnectionEditor *self)
{
  return self->mode != PB_EDITOR_MODE_EDIT || pb_connection_draft_is_modified (self->draft);
}

static void
pb_connection_editor_update_save (PbConnectionEditor *self)
{
  gboolean changed = pb_connection_editor_has_changes (self);
  gboolean can_save = self->n_errors == 0 && !self->busy && changed;
  g_autofree char *summary = NULL;
  const char *tooltip;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);

  if (self->n_errors > 0)
    {
      /* Translators: over the form and Save's tooltip while the form has errors */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fix %u problem to save.",
                                              "Fix %u problems to save.", self->n_errors),
                                 self->n_errors);
      tooltip = summary;
    }
  else if (self->busy)
    tooltip = _("Saving…");
  else if (!changed)
    tooltip = _("Nothing changed yet.");
  else
    tooltip = _("Save Changes (Ctrl+S)");
  gtk_widget_set_tooltip_text (self->save_button, tooltip);

  /* Over the form once a problem shows (a new form shows none before the user met it). */
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (self->summary_box, summary != NULL && self->n_shown > 0);
  if (!can_save && !self->busy)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->save_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Whether the problems of a field show: a new form shows them once the user left the field
 * or tried to save, not for the fields still empty that he has not come to. */
static gboolean
pb_connection_editor_shows_field (PbConnectionEditor *self,
                                  PbDraftField        field)
{
  return self->mode != PB_EDITOR_MODE_NEW || self->show_all || self->touched[field];
}

void
pb_connection_editor_check (PbConnectionEditor *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  GString *said[PB_DRAFT_N_FIELDS] = { NULL, };
  gboolean errors[PB_DRAFT_N_FIELDS] = { FALSE, };

  g_return_if_fail (PB_IS_CONNECTION_EDITOR (self));

  g_clear_handle_id (&self->check_source_id, g_source_remove);
  problems = pb_connection_draft_check (self->draft);
  self->n_errors = 0;
  self->n_shown = 0;
  _pb_connection_editor_clear_table_problems (self);

  for (guint i = 0; i < problems->len; i++)
    {
      const PbDraftProblem *problem = g_ptr_array_index (problems, i);
      gboolean error = problem->level == PB_DRAFT_PROBLEM_ERROR;

      if (error)
        self->n_errors++;

      if (problem->table >= 0 && problem->table < PB_DRAFT_N_TABLES)
        {
          _pb_connection_editor_show_table_problem (self, problem);
          self->n_shown += error;
        }
      else if (problem->field >= 0 && problem->field < PB_DRAFT_N_FIELDS)
        {
          if (!pb_connection_editor_shows_field (self, problem->field))
            continue;
          if (said[problem->field] == NULL)
            said[problem->field] = g_string_new (problem->message);
          else
            g_string_append_printf (said[problem->field], "\n%s", problem->message);
          errors[problem->field] |= error;
          self->n_shown += error;
        }
      else
        g_debug ("A problem of no field: %s", problem->message);
    }

  for (guint i = 0; i < PB_DRAFT_N_FIELDS; i++)
    {
      PbEditorField *field = &self->fields[i];
      const char *message = said[i] != NULL ? said[i]->str : NULL;

      if (field->row == NULL)
        continue;

      _pb_editor_problem_row_set (field->problem,
                                  errors[i] ? PB_DRAFT_PROBLEM_ERROR : PB_DRAFT_PROBLEM_WARNING,
                                  message);
      _pb_editor_mark_control (field->control, errors[i], message != NULL, message,
                               field->problem);
      if (field->control != field->row)
        _pb_editor_mark_control (field->row, errors[i], message != NULL, NULL, NULL);
      if (message != NULL)
        gtk_widget_add_css_class (field->row, "pb-has-problem");
      else
        gtk_widget_remove_css_class (field->row, "pb-has-problem");
      if (said[i] != NULL)
        g_string_free (said[i], TRUE);
    }
  _pb_connection_editor_flush_table_problems (self);

  pb_connection_editor_update_save (self);
}

/* The user left a field: a new form shows its problems from now on. */
void
_pb_connection_editor_touch (PbConnectionEditor *self,
                             PbDraftField        field)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->touched[field])
    return;

  self->touched[field] = TRUE;
  if (self->mode == PB_EDITOR_MODE_NEW && self->check_source_id == 0)
    self->check_source_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                             pb_connection_editor_check_idle_cb, self, NULL);
}

/* Whether `widget` and what it is in show (a closed expander's rows count as shown). */
static gboolean
is_shown_in (GtkWidget *widget,
             GtkWidget *top)
{
  for (; widget != NULL && widget != top; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;

  return widget == top;
}

/* The first sentence of an error in the form, in its order. */
static GtkWidget *
find_first_error (GtkWidget *widget,
                  GtkWidget *top)
{
  if (PB_IS_EDITOR_CAPTION (widget))
    {
      GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget));

      return gtk_widget_has_css_class (label, "error") && is_shown_in (widget, top)
             ? widget : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first_error (child, top);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Shows every problem, and takes the keyboard to the first error's field (Ctrl+S while Save
 * waits, Show beside "Fix N problems to save."). */
static void
pb_connection_editor_show_problems (PbConnectionEditor *self)
{
  GtkWidget *caption;
  GtkWidget *expander;
  GtkWidget *target = NULL;

  self->show_all = TRUE;
  pb_connection_editor_check (self);

  caption = find_first_error (self->scroller, self->scroller);
  if (caption == NULL)
    return;

  /* A row of a table opens to show it. */
  if ((expander = gtk_widget_get_ancestor (caption, ADW_TYPE_EXPANDER_ROW)) != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

  /* The row with the error beside it, else the row it is under, else the one after it. */
  for (GtkWidget *row = gtk_widget_get_first_child (gtk_widget_get_parent (caption));
       row != NULL && target == NULL; row = gtk_widget_get_next_sibling (row))
    if (row != caption && gtk_widget_get_visible (row) && gtk_widget_has_css_class (row, "error"))
      target = row;
  for (GtkWidget *row = gtk_widget_get_prev_sibling (caption); row != NULL && target == NULL;
       row = gtk_widget_get_prev_sibling (row))
    if (gtk_widget_get_visible (row) && !PB_IS_EDITOR_CAPTION (row))
      target = row;
  if (target == NULL)
    target = caption;

  if (!gtk_widget_child_focus (target, GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (caption, GTK_DIR_TAB_FORWARD);
  _pb_connection_editor_reveal (self, target);
}

static gboolean
pb_connection_editor_check_idle_cb (gpointer user_data)
{
  PbConnectionEditor *self = user_data;

  self->check_source_id = 0;
  pb_connection_editor_check (self);

  return G_SOURCE_REMOVE;
}

static void
pb_connection_editor_update_title (PbConnectionEditor *self)
{
  const char *name = pb_connection_draft_get_text (self->draft, PB_DRAFT_NAME);
  g_autofree char *shown = pb_format_for_display (name, PB_FORMAT_TITLE_CHARS);

  adw_window_title_set_subtitle (self->title, shown);
}

static void
pb_connection_editor_draft_changed (PbConnectionEditor *self)
{
  if (self->check_source_id == 0)
    self->check_source_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                             pb_connection_editor_check_idle_cb, self, NULL);
  pb_connection_editor_update_title (self);
  _pb_connection_editor_update_visibility (self);
}

static void
pb_connection_editor_setup (PbConnectionEditor *self)
{
  static const char * const titles[] = {
    [PB_EDITOR_MODE_EDIT] = N_("Edit Connection"),
    [PB_EDITOR_MODE_NEW] = N_("New Connection"),
    [PB_EDITOR_MODE_DUPLICATE] = N_("Duplicate Connection"),
  };

  adw_window_title_set_title (self->title, _(titles[self->mode]));
  gtk_label_set_text (self->heading_label, _(titles[self->mode]));

  self->loading = TRUE;
  _pb_connection_editor_init_fields (self);
  _pb_connection_editor_init_tables (self);
  self->loading = FALSE;

  g_signal_connect_object (self->draft, "changed",
                           G_CALLBACK (pb_connection_editor_draft_changed), self,
                           G_CONNECT_SWAPPED);
  pb_connection_editor_update_title (self);
  _pb_connection_editor_update_visibility (self);
  pb_connection_editor_check (self);
}

GtkWidget *
pb_connection_editor_new (PbConnectionDraft *draft,
                          PbEditorMode       mode)
{
  PbConnectionEditor *self;

  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (draft), NULL);

  self = g_object_new (PB_TYPE_CONNECTION_EDITOR, NULL);
  self->draft = g_object_ref (draft);
  self->mode = mode;
  pb_connection_editor_setup (self);

  return GTK_WIDGET (self);
}

PbConnectionDraft *
pb_connection_editor_get_draft (PbConnectionEditor *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_EDITOR (self), NULL);

  return self->draft;
}

PbEditorMode
pb_connection_editor_get_mode (PbConnectionEditor *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_EDITOR (self), PB_EDITOR_MODE_EDIT);

  return self->mode;
}

guint
pb_connection_editor_get_n_errors (PbConnectionEditor *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_EDITOR (self), 0);

  return self->n_errors;
}

void
pb_connection_editor_set_busy (PbConnectionEditor *self,
                               gboolean            busy)
{
  g_return_if_fail (PB_IS_CONNECTION_EDITOR (self));

  self->busy = !!busy;
  /* A write under way is not left half-way: Cancel waits for its end. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", !self->busy);
  pb_connection_editor_update_save (self);
}

void
pb_connection_editor_show_error (PbConnectionEditor *self,
                                 const char         *message)
{
  g_return_if_fail (PB_IS_CONNECTION_EDITOR (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

gboolean
pb_connection_editor_get_narrow (PbConnectionEditor *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_EDITOR (self), FALSE);

  return self->narrow;
}

void
pb_connection_editor_set_narrow (PbConnectionEditor *self,
                                 gboolean            narrow)
{
  g_return_if_fail (PB_IS_CONNECTION_EDITOR (self));

  narrow = !!narrow;
  if (narrow == self->narrow)
    return;

  self->narrow = narrow;
  gtk_widget_set_visible (GTK_WIDGET (self->title), !narrow);
  /* Test keeps its word: beside the title in the form, where the header has no room for it
   * (in German or French). */
  gtk_widget_set_visible (self->heading_box, narrow);
  gtk_widget_set_visible (self->test_button, !narrow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

void
pb_connection_editor_focus_first (PbConnectionEditor *self)
{
  g_return_if_fail (PB_IS_CONNECTION_EDITOR (self));

  /* The cursor at the end: a key typed adds to the name rather than replaces it. */
  gtk_widget_grab_focus (self->fields[PB_DRAFT_NAME].control);
  gtk_editable_select_region (GTK_EDITABLE (self->fields[PB_DRAFT_NAME].control), -1, -1);
}

/* What shows the focused widget in the form: its row (an entry's text is inside one), with the
 * sentence under it; NULL when the focus is not in the form. */
static GtkWidget *
pb_connection_editor_focus_row (PbConnectionEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->scroller))
    return NULL;

  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? row : focus;
}

static gboolean
pb_connection_editor_reveal_tick (GtkWidget     *widget,
                                  GdkFrameClock *frame_clock,
                                  gpointer       user_data)
{
  PbConnectionEditor *self = PB_CONNECTION_EDITOR (widget);
  GtkWidget *target = self->reveal_target;
  GtkWidget *caption;
  GtkAdjustment *adjustment;
  GtkWidget *content;
  graphene_rect_t bounds, under;
  double value, page, top, bottom;

  if (target == NULL && self->reveal_focus)
    target = pb_connection_editor_focus_row (self);

  /* Not laid out yet: the next frame. */
  if (target != NULL && gtk_widget_get_height (target) == 0)
    return G_SOURCE_CONTINUE;

  self->reveal_focus = FALSE;
  g_clear_weak_pointer (&self->reveal_target);
  self->reveal_tick_id = 0;
  if (target == NULL)
    return G_SOURCE_REMOVE;

  /* In the coordinates of what scrolls: the viewport's child. */
  content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scroller))));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  if (!gtk_widget_compute_bounds (target, content, &bounds))
    return G_SOURCE_REMOVE;

  /* The whole row, and what is said under it. */
  caption = gtk_widget_get_next_sibling (target);
  if (PB_IS_EDITOR_CAPTION (caption) && gtk_widget_get_visible (caption) &&
      gtk_widget_compute_bounds (caption, content, &under))
    graphene_rect_union (&bounds, &under, &bounds);

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  top = bounds.origin.y - 12;
  bottom = bounds.origin.y + bounds.size.height + 12;
  /* Its top wins over its bottom when it is taller than the view. */
  if (bottom > value + page)
    value = bottom - page;
  if (top < value)
    value = top;
  gtk_adjustment_set_value (adjustment, value);

  return G_SOURCE_REMOVE;
}

void
_pb_connection_editor_reveal (PbConnectionEditor *self,
                              GtkWidget          *widget)
{
  g_set_weak_pointer (&self->reveal_target, widget);
  if (self->reveal_tick_id == 0)
    self->reveal_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                         pb_connection_editor_reveal_tick,
                                                         NULL, NULL);
}

/* The viewport of GTK 4.8 scrolls to the focus before the window moved it (it is one step
 * behind, and the field tabbed into can be off screen): the form scrolls to it itself, once
 * laid out. */
static void
pb_connection_editor_set_focus_child (GtkWidget *widget,
                                      GtkWidget *child)
{
  PbConnectionEditor *self = PB_CONNECTION_EDITOR (widget);

  GTK_WIDGET_CLASS (pb_connection_editor_parent_class)->set_focus_child (widget, child);

  if (child != NULL && self->scroller != NULL)
    {
      self->reveal_focus = TRUE;
      _pb_connection_editor_reveal (self, self->reveal_target);
    }
}

static void
pb_connection_editor_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PbConnectionEditor *self = PB_CONNECTION_EDITOR (widget);

  if (g_str_equal (action_name, "editor.cancel"))
    g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
  else if (g_str_equal (action_name, "editor.test"))
    g_signal_emit (self, signals[SIGNAL_TEST], 0);
  else if (g_str_equal (action_name, "editor.dismiss-error"))
    pb_connection_editor_show_error (self, NULL);
  else if (g_str_equal (action_name, "editor.show-problems"))
    pb_connection_editor_show_problems (self);
  else
    {
      /* What was typed last counts, even before its check ran. */
      pb_connection_editor_check (self);
      if (self->n_errors == 0 && !self->busy)
        g_signal_emit (self, signals[SIGNAL_SAVE], 0);
    }
}

static gboolean
pb_connection_editor_save_shortcut (GtkWidget *widget,
                                    GVariant  *args,
                                    gpointer   user_data)
{
  PbConnectionEditor *self = PB_CONNECTION_EDITOR (widget);

  pb_connection_editor_check (self);
  if (self->n_errors > 0)
    pb_connection_editor_show_problems (self);
  else
    gtk_widget_activate_action (widget, "editor.save", NULL);

  return TRUE;
}

static void
pb_connection_editor_dispose (GObject *object)
{
  PbConnectionEditor *self = (PbConnectionEditor *)object;

  g_clear_handle_id (&self->check_source_id, g_source_remove);
  if (self->reveal_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick_id);
  self->reveal_tick_id = 0;
  g_clear_weak_pointer (&self->reveal_target);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_CONNECTION_EDITOR);
  g_clear_handle_id (&self->check_source_id, g_source_remove);
  _pb_connection_editor_free_tables (self);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (pb_connection_editor_parent_class)->dispose (object);
}

static void
pb_connection_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PbConnectionEditor *self = PB_CONNECTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PbConnectionEditor *self = PB_CONNECTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      pb_connection_editor_set_narrow (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_editor_class_init (PbConnectionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_connection_editor_dispose;
  object_class->get_property = pb_connection_editor_get_property;
  object_class->set_property = pb_connection_editor_set_property;
  widget_class->set_focus_child = pb_connection_editor_set_focus_child;

  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asks to leave, to test or to save: the window decides what happens. */
  signals[SIGNAL_CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_TEST] = g_signal_new ("test", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-connection-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, title);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, test_button);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, error_box);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, summary_box);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, heading_box);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, general_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, auth_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, oauth_headers_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, form_items_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, request_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, headers_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, input_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, output_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, timeouts_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionEditor, example_group);

  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL,
                                   pb_connection_editor_action);
  gtk_widget_class_install_action (widget_class, "editor.test", NULL,
                                   pb_connection_editor_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   pb_connection_editor_action);
  gtk_widget_class_install_action (widget_class, "editor.dismiss-error", NULL,
                                   pb_connection_editor_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_install_action (widget_class, "editor.show-problems", NULL,
                                   pb_connection_editor_action);
  /* Not the action, which is off while Save waits: Ctrl+S then shows why. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                pb_connection_editor_save_shortcut, NULL);
}

static void
pb_connection_editor_init (PbConnectionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A screen reader reads each button's text once, without its mnemonic marker. */
  pb_accessible_name_text_buttons (GTK_WIDGET (self));
}
