/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-editor-private.h"
#include "pb-format.h"

/* The tables of the edit form (headers, form items, mappings): a row of the draft is an
 * expander row named after its first column, with an entry for each column and the buttons
 * that move it up, down, or remove it. Each group has an Add button in its header. */

#define GROUP(name) G_STRUCT_OFFSET (PbConnectionEditor, name)

static const struct
{
  PbDraftTable  table;
  glong         group;
  const char   *add;     /* the Add button's accessible label and tooltip */
  const char   *empty;   /* what the group says without rows */
} table_specs[] = {
  { PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS, GROUP (oauth_headers_group),
    N_("Add Token Request Header"), N_("No token request headers") },
  { PB_DRAFT_TABLE_FORM_ITEMS, GROUP (form_items_group),
    N_("Add Form Item"), N_("No form items") },
  { PB_DRAFT_TABLE_CUSTOM_HEADERS, GROUP (headers_group),
    N_("Add Header"), N_("No headers") },
  { PB_DRAFT_TABLE_INPUT_MAPPINGS, GROUP (input_group),
    N_("Add Input Mapping"), N_("No input mappings") },
  { PB_DRAFT_TABLE_OUTPUT_MAPPINGS, GROUP (output_group),
    N_("Add Output Mapping"), N_("No output mappings") },
};

typedef struct
{
  PbEditorTable *table;
  PbDraftRow    *draft_row;
  GtkWidget     *expander;
  GtkWidget     *problem_icon;  /* on the expander's header: the row has a problem */
  GtkWidget     *problem;
  GPtrArray     *entries;     /* an AdwEntryRow per column */
  GtkWidget     *up;
  GtkWidget     *down;
  GtkWidget     *remove;
  /* What the last check said, gathered before it is shown. */
  GString       *said;
  gboolean       error;
  GPtrArray     *column_said; /* a char * (or NULL) per column */
  guint          column_errors; /* a bit per column with an error */
} EditorRow;

struct _PbEditorTable
{
  PbConnectionEditor  *editor;
  PbDraftTable         id;
  AdwPreferencesGroup *group;
  GListModel          *model;
  const char * const  *columns;
  guint                n_columns;
  GtkWidget           *add_button;
  GtkWidget           *empty_row;
  GtkWidget           *problem;
  GPtrArray           *rows;      /* EditorRow */
  GString             *said;
  gboolean             error;
};

static const char *
column_title (const char *column)
{
  static const struct { const char *column; const char *title; } titles[] = {
    { "name", N_("Name") },
    { "value", N_("Value") },
    { "label", N_("Label") },
    { "key", N_("Key") },
    { "type", N_("Type") },
    { "exampleValue", N_("Example Value") },
    { "mapping", N_("Mapping") },
    { "outputReference", N_("Output Reference") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].column, column))
      return _(titles[i].title);

  return column;
}

static void
editor_row_free (EditorRow *row)
{
  g_clear_object (&row->draft_row);
  g_clear_pointer (&row->entries, g_ptr_array_unref);
  g_clear_pointer (&row->column_said, g_ptr_array_unref);
  if (row->said != NULL)
    g_string_free (row->said, TRUE);
  g_free (row);
}

/* The row's name in the list: its first column, else its second, else "Untitled". */
static void
editor_row_update_title (EditorRow *row)
{
  const char *first = pb_draft_row_get (row->draft_row, row->table->columns[0]);
  const char *second = row->table->n_columns > 1
                       ? pb_draft_row_get (row->draft_row, row->table->columns[1]) : "";
  g_autofree char *title = pb_format_for_display (*first ? first : (*second ? second : _("Untitled")),
                                                  PB_FORMAT_TITLE_CHARS);
  g_autofree char *subtitle = pb_format_for_display (*first ? second : "",
                                                     PB_FORMAT_TITLE_CHARS);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), subtitle);
}

static void
row_entry_changed_cb (GtkEditable *editable,
                      EditorRow   *row)
{
  const char *column = g_object_get_data (G_OBJECT (editable), "pb-column");

  pb_draft_row_set (row->draft_row, column, gtk_editable_get_text (editable));
  editor_row_update_title (row);
}

static guint
editor_row_position (EditorRow *row)
{
  guint position = 0;

  g_ptr_array_find (row->table->rows, row, &position);

  return position;
}

static EditorRow *
table_find_row (PbEditorTable *table,
                PbDraftRow    *draft_row)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      EditorRow *row = g_ptr_array_index (table->rows, i);

      if (row->draft_row == draft_row)
        return row;
    }

  return NULL;
}

static void
row_move_cb (GtkButton *button,
             EditorRow *row)
{
  PbEditorTable *table = row->table;
  g_autoptr(PbDraftRow) draft_row = g_object_ref (row->draft_row);
  gboolean up = GTK_WIDGET (button) == row->up;
  guint from = editor_row_position (row);
  guint to = up ? from - 1 : from + 1;
  EditorRow *moved;

  if ((up && from == 0) || (!up && to >= table->rows->len))
    return;

  /* The table is built again: `row` is gone after this. */
  pb_connection_draft_move_row (table->editor->draft, table->id, from, to);

  /* The keyboard stays on the button, which moved with its row (on the other one at an end). */
  if ((moved = table_find_row (table, draft_row)) != NULL)
    {
      GtkWidget *focus = up ? moved->up : moved->down;

      if (!gtk_widget_get_sensitive (focus))
        focus = up ? moved->down : moved->up;
      gtk_widget_grab_focus (focus);
    }
}

static void
row_remove_cb (GtkButton *button,
               EditorRow *row)
{
  PbEditorTable *table = row->table;
  guint position = editor_row_position (row);

  pb_connection_draft_remove_row (table->editor->draft, table->id, position);

  /* The keyboard goes on to the row now there, the one before, or Add. */
  if (table->rows->len == 0)
    gtk_widget_grab_focus (table->add_button);
  else
    {
      EditorRow *next = g_ptr_array_index (table->rows, MIN (position, table->rows->len - 1));

      /* An expander row takes the focus on its header, not on itself. */
      gtk_widget_child_focus (next->expander, GTK_DIR_TAB_FORWARD);
    }
}

/* A button of a row's actions: an icon (with `icon`) or a word, and what it does said. */
static GtkWidget *
row_button_new (const char *icon,
                const char *label,
                const char *tooltip)
{
  GtkWidget *button = icon != NULL ? gtk_button_new_from_icon_name (icon)
                                   : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  return button;
}

static EditorRow *
editor_row_new (PbEditorTable *table,
                PbDraftRow    *draft_row,
                guint          position)
{
  EditorRow *row = g_new0 (EditorRow, 1);
  GtkWidget *actions = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint n = g_list_model_get_n_items (table->model);

  row->table = table;
  row->draft_row = g_object_ref (draft_row);
  row->entries = g_ptr_array_new ();
  row->column_said = g_ptr_array_new_full (table->n_columns, g_free);
  g_ptr_array_set_size (row->column_said, table->n_columns);

  row->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  /* Closed, the row still shows it has a problem (a style class on the expander would colour
   * every entry inside it). */
  row->problem_icon = gtk_image_new ();
  gtk_widget_set_visible (row->problem_icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->problem_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"),
                                  -1);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), row->problem_icon);
  editor_row_update_title (row);

  for (guint i = 0; i < table->n_columns; i++)
    {
      GtkWidget *entry = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry),
                                     column_title (table->columns[i]));
      gtk_editable_set_text (GTK_EDITABLE (entry),
                             pb_draft_row_get (draft_row, table->columns[i]));
      g_object_set_data (G_OBJECT (entry), "pb-column", (gpointer) table->columns[i]);
      g_signal_connect (entry, "changed", G_CALLBACK (row_entry_changed_cb), row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), entry);
      g_ptr_array_add (row->entries, entry);
    }

  row->problem = _pb_editor_problem_row_new ();
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->problem);

  /* Icons, so that the three fit beside each other at 360 pixels. */
  row->up = row_button_new ("go-up-symbolic", NULL, _("Move Up"));
  row->down = row_button_new ("go-down-symbolic", NULL, _("Move Down"));
  row->remove = row_button_new (NULL, _("_Remove"), _("Remove"));
  gtk_widget_add_css_class (row->up, "flat");
  gtk_widget_add_css_class (row->down, "flat");
  gtk_widget_add_css_class (row->remove, "flat");
  gtk_widget_add_css_class (row->remove, "error");
  gtk_widget_set_halign (row->remove, GTK_ALIGN_END);
  gtk_widget_set_hexpand (row->remove, TRUE);
  gtk_widget_set_sensitive (row->up, position > 0);
  gtk_widget_set_sensitive (row->down, position + 1 < n);
  g_signal_connect (row->up, "clicked", G_CALLBACK (row_move_cb), row);
  g_signal_connect (row->down, "clicked", G_CALLBACK (row_move_cb), row);
  g_signal_connect (row->remove, "clicked", G_CALLBACK (row_remove_cb), row);
  gtk_box_append (GTK_BOX (box), row->up);
  gtk_box_append (GTK_BOX (box), row->down);
  gtk_box_append (GTK_BOX (box), row->remove);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (actions), FALSE);
  gtk_widget_set_focusable (actions, FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), actions);

  return row;
}

/* Whether the rows shown are the draft's, in its order. */
static gboolean
table_is_current (PbEditorTable *table)
{
  guint n = g_list_model_get_n_items (table->model);

  if (n != table->rows->len)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbDraftRow) draft_row = g_list_model_get_item (table->model, i);
      EditorRow *row = g_ptr_array_index (table->rows, i);

      if (row->draft_row != draft_row)
        return FALSE;
    }

  return TRUE;
}

/* Shows the draft's rows again after one was added, removed or moved; those that were
 * expanded stay so. */
static void
table_rebuild (PbEditorTable *table)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new (NULL, NULL);
  guint n;

  if (table_is_current (table))
    return;

  for (guint i = 0; i < table->rows->len; i++)
    {
      EditorRow *row = g_ptr_array_index (table->rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row->expander)))
        g_hash_table_add (expanded, row->draft_row);
      adw_preferences_group_remove (table->group, row->expander);
    }
  g_ptr_array_set_size (table->rows, 0);
  adw_preferences_group_remove (table->group, table->empty_row);

  n = g_list_model_get_n_items (table->model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbDraftRow) draft_row = g_list_model_get_item (table->model, i);
      EditorRow *row = editor_row_new (table, draft_row, i);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander),
                                     g_hash_table_contains (expanded, draft_row));
      adw_preferences_group_add (table->group, row->expander);
      g_ptr_array_add (table->rows, row);
    }
  adw_preferences_group_add (table->group, table->empty_row);
  gtk_widget_set_visible (table->empty_row, n == 0);

  /* What the checks said of the rows is said again once they ran on the new order. */
  if (!table->editor->loading)
    pb_connection_editor_check (table->editor);
}

static void
table_items_changed_cb (GListModel    *model,
                        guint          position,
                        guint          removed,
                        guint          added,
                        PbEditorTable *table)
{
  table_rebuild (table);
}

static void
table_add_cb (GtkButton     *button,
              PbEditorTable *table)
{
  guint n = g_list_model_get_n_items (table->model);
  PbDraftRow *draft_row;
  EditorRow *row;

  draft_row = pb_connection_draft_insert_row (table->editor->draft, table->id, n);
  table_rebuild (table);

  /* The new row opens, and the keyboard is in its first entry. */
  if ((row = table_find_row (table, draft_row)) != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
      gtk_widget_grab_focus (g_ptr_array_index (row->entries, 0));
      _pb_connection_editor_reveal (table->editor, g_ptr_array_index (row->entries, 0));
    }
}

static GtkWidget *
table_add_button_new (const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

void
_pb_connection_editor_init_tables (PbConnectionEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
    {
      PbEditorTable *table = g_new0 (PbEditorTable, 1);
      GtkWidget *label;

      table->editor = self;
      table->id = table_specs[i].table;
      table->group = G_STRUCT_MEMBER (AdwPreferencesGroup *, self, table_specs[i].group);
      table->model = pb_connection_draft_get_table (self->draft, table->id);
      table->columns = pb_draft_table_get_columns (table->id);
      table->n_columns = g_strv_length ((char **) table->columns);
      table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) editor_row_free);

      table->add_button = table_add_button_new (_(table_specs[i].add));
      g_signal_connect (table->add_button, "clicked", G_CALLBACK (table_add_cb), table);
      adw_preferences_group_set_header_suffix (table->group, table->add_button);

      table->problem = g_object_ref_sink (_pb_editor_problem_row_new ());
      adw_preferences_group_add (table->group, table->problem);

      table->empty_row = g_object_ref_sink (_pb_editor_problem_row_new ());
      label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (table->empty_row));
      gtk_label_set_text (GTK_LABEL (label), _(table_specs[i].empty));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (table->empty_row, "pb-empty");
      adw_preferences_group_add (table->group, table->empty_row);

      self->tables[table->id] = table;
      table_rebuild (table);
      gtk_widget_set_visible (table->empty_row, table->rows->len == 0);
      g_signal_connect (table->model, "items-changed", G_CALLBACK (table_items_changed_cb),
                        table);
    }
}

void
_pb_connection_editor_free_tables (PbConnectionEditor *self)
{
  for (guint i = 0; i < PB_DRAFT_N_TABLES; i++)
    {
      PbEditorTable *table = g_steal_pointer (&self->tables[i]);

      if (table == NULL)
        continue;

      g_signal_handlers_disconnect_by_data (table->model, table);
      g_clear_pointer (&table->rows, g_ptr_array_unref);
      g_clear_object (&table->problem);
      g_clear_object (&table->empty_row);
      if (table->said != NULL)
        g_string_free (table->said, TRUE);
      g_free (table);
    }
}

/* One sentence more, on a line of its own. */
static void
append_said (GString    **said,
             const char  *message)
{
  if (*said == NULL)
    *said = g_string_new (NULL);
  else if ((*said)->len > 0)
    g_string_append_c (*said, '\n');
  g_string_append (*said, message);
}

void
_pb_connection_editor_clear_table_problems (PbConnectionEditor *self)
{
  for (guint i = 0; i < PB_DRAFT_N_TABLES; i++)
    {
      PbEditorTable *table = self->tables[i];

      if (table == NULL)
        continue;

      if (table->said != NULL)
        g_string_truncate (table->said, 0);
      table->error = FALSE;
      for (guint j = 0; j < table->rows->len; j++)
        {
          EditorRow *row = g_ptr_array_index (table->rows, j);

          if (row->said != NULL)
            g_string_truncate (row->said, 0);
          row->error = FALSE;
          for (guint k = 0; k < row->column_said->len; k++)
            g_clear_pointer (&g_ptr_array_index (row->column_said, k), g_free);
          row->column_errors = 0;
        }
    }
}

void
_pb_connection_editor_show_table_problem (PbConnectionEditor   *self,
                                          const PbDraftProblem *problem)
{
  PbEditorTable *table = self->tables[problem->table];
  gboolean error = problem->level == PB_DRAFT_PROBLEM_ERROR;
  EditorRow *row;

  if (table == NULL)
    return;

  if (problem->row < 0 || (guint) problem->row >= table->rows->len)
    {
      append_said (&table->said, problem->message);
      table->error |= error;
      return;
    }

  row = g_ptr_array_index (table->rows, problem->row);
  append_said (&row->said, problem->message);
  row->error |= error;

  for (guint k = 0; problem->column != NULL && k < table->n_columns; k++)
    if (g_str_equal (table->columns[k], problem->column))
      {
        char **said = (char **) &g_ptr_array_index (row->column_said, k);
        char *joined = *said ? g_strdup_printf ("%s %s", *said, problem->message)
                             : g_strdup (problem->message);

        g_free (*said);
        *said = joined;
        if (error)
          row->column_errors |= 1u << k;
      }
}

static const char *
said_text (GString *said)
{
  return said != NULL && said->len > 0 ? said->str : NULL;
}

void
_pb_connection_editor_flush_table_problems (PbConnectionEditor *self)
{
  for (guint i = 0; i < PB_DRAFT_N_TABLES; i++)
    {
      PbEditorTable *table = self->tables[i];
      const char *said;

      if (table == NULL)
        continue;

      said = said_text (table->said);
      _pb_editor_problem_row_set (table->problem,
                                  table->error ? PB_DRAFT_PROBLEM_ERROR
                                               : PB_DRAFT_PROBLEM_WARNING,
                                  said);

      for (guint j = 0; j < table->rows->len; j++)
        {
          EditorRow *row = g_ptr_array_index (table->rows, j);

          said = said_text (row->said);
          _pb_editor_problem_row_set (row->problem,
                                      row->error ? PB_DRAFT_PROBLEM_ERROR
                                                 : PB_DRAFT_PROBLEM_WARNING,
                                      said);
          _pb_editor_mark_control (row->expander, FALSE, FALSE, said, NULL);
          gtk_image_set_from_icon_name (GTK_IMAGE (row->problem_icon),
                                        row->error ? "dialog-error-symbolic"
                                                   : "dialog-warning-symbolic");
          gtk_widget_remove_css_class (row->problem_icon, row->error ? "warning" : "error");
          gtk_widget_add_css_class (row->problem_icon, row->error ? "error" : "warning");
          gtk_widget_set_visible (row->problem_icon, said != NULL);
          for (guint k = 0; k < table->n_columns; k++)
            {
              const char *column_said = g_ptr_array_index (row->column_said, k);

              _pb_editor_mark_control (g_ptr_array_index (row->entries, k),
                                       (row->column_errors & (1u << k)) != 0,
                                       column_said != NULL, column_said, row->problem);
            }
        }
    }
}
