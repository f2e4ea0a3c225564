/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-diff-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-diff.h"
#include "pb-diff-view.h"
#include "pb-format.h"

/* Unchanged lines shown around a change of a line diff; longer runs fold to a sentence. */
#define CONTEXT_LINES 3
/* Lines of one line diff shown at most (a body of thousands of lines stays usable). */
#define MAX_LINES 1000
/* Space between the old value, the arrow and the new value. */
#define PAIR_SPACING 8

struct _PbDiffView
{
  AdwBin      parent_instance;

  GtkListBox *list;
  GtkLabel   *placeholder;
  guint       n_entries;
};

G_DEFINE_FINAL_TYPE (PbDiffView, pb_diff_view, ADW_TYPE_BIN)

/* {{{ Old → new: side by side when they fit, else one under the other */

/* The children of a pair are the old value, the arrow and the new value, in this order. Side
 * by side needs the natural width of all three; narrower, the arrow turns to point down. */

static GtkSizeRequestMode
pair_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pair_children (GtkWidget  *widget,
               GtkWidget **children)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  for (guint i = 0; i < 3; i++)
    {
      children[i] = child;
      child = gtk_widget_get_next_sibling (child);
    }
}

static int
pair_row_width (GtkWidget **children)
{
  int width = 2 * PAIR_SPACING;

  for (guint i = 0; i < 3; i++)
    {
      int natural = 0;

      gtk_widget_measure (children[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                          NULL, NULL);
      width += natural;
    }

  return width;
}

static void
pair_measure (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  GtkWidget *children[3];
  int row_width;

  pair_children (widget, children);
  row_width = pair_row_width (children);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 0;
      for (guint i = 0; i < 3; i++)
        {
          int child_minimum = 0;

          gtk_widget_measure (children[i], orientation, -1, &child_minimum, NULL, NULL, NULL);
          *minimum = MAX (*minimum, child_minimum);
        }
      *natural = row_width;
      return;
    }

  if (for_size < 0 || for_size >= row_width)
    {
      int height = 0;

      for (guint i = 0; i < 3; i++)
        {
          int child_natural = 0;

          gtk_widget_measure (children[i], orientation, -1, NULL, &child_natural, NULL, NULL);
          height = MAX (height, child_natural);
        }
      *minimum = *natural = height;
    }
  else
    {
      int arrow_width = 0;
      int height = 2 * PAIR_SPACING;

      gtk_widget_measure (children[1], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &arrow_width,
                          NULL, NULL);
      height += arrow_width;
      for (guint i = 0; i < 3; i += 2)
        {
          int child_natural = 0;

          gtk_widget_measure (children[i], orientation, for_size, NULL, &child_natural,
                              NULL, NULL);
          height += child_natural;
        }
      *minimum = *natural = height;
    }
}

static void
pair_allocate (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  GtkWidget *children[3];
  int arrow_width = 0;
  int arrow_height = 0;

  pair_children (widget, children);
  gtk_widget_measure (children[1], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &arrow_width,
                      NULL, NULL);
  gtk_widget_measure (children[1], GTK_ORIENTATION_VERTICAL, -1, NULL, &arrow_height,
                      NULL, NULL);

  if (width >= pair_row_width (children))
    {
      int x = 0;

      for (guint i = 0; i < 3; i++)
        {
          int child_width = 0;

          gtk_widget_measure (children[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width,
                              NULL, NULL);
          gtk_widget_allocate (children[i], child_width, height, -1,
                               gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, 0)));
          x += child_width + PAIR_SPACING;
        }
    }
  else
    {
      int old_height = 0;
      int new_height = 0;
      int y;

      gtk_widget_measure (children[0], GTK_ORIENTATION_VERTICAL, width, NULL, &old_height,
                          NULL, NULL);
      gtk_widget_measure (children[2], GTK_ORIENTATION_VERTICAL, width, NULL, &new_height,
                          NULL, NULL);
      gtk_widget_allocate (children[0], width, old_height, -1, NULL);
      y = old_height + PAIR_SPACING;
      /* Turned a quarter clockwise about its top left corner, the arrow spans
       * [-arrow_height, 0] across: moved right by its height, it starts at the left edge
       * under the old value (centred on a short indent). */
      gtk_widget_allocate (children[1], arrow_width, arrow_height, -1,
                           gsk_transform_rotate (gsk_transform_translate (NULL,
                                                   &GRAPHENE_POINT_INIT (arrow_height + 6, y)),
                                                 90));
      y += arrow_width + PAIR_SPACING;
      gtk_widget_allocate (children[2], width, new_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, y)));
    }
}

/* }}} */
/* {{{ Rows */

static const char *
kind_word (PbDiffKind kind)
{
  switch (kind)
    {
    case PB_DIFF_ADDED:
      /* Translators: a field that is new in the version after */
      return _("Added");
    case PB_DIFF_REMOVED:
      /* Translators: a field that is gone in the version after */
      return _("Removed");
    case PB_DIFF_CHANGED:
    default:
      /* Translators: a field whose value is different in the version after */
      return _("Changed");
    }
}

static const char *
kind_class (PbDiffKind kind)
{
  return kind == PB_DIFF_ADDED ? "added" : kind == PB_DIFF_REMOVED ? "removed" : "changed";
}

static const char *
kind_icon (PbDiffKind kind)
{
  return kind == PB_DIFF_ADDED ? "list-add-symbolic"
         : kind == PB_DIFF_REMOVED ? "list-remove-symbolic" : "document-edit-symbolic";
}

static GtkWidget *
new_kind_tag (PbDiffKind kind)
{
  GtkWidget *tag = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", kind_icon (kind),
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  gtk_widget_add_css_class (tag, "pb-tag");
  gtk_widget_add_css_class (tag, "pb-diff-tag");
  gtk_widget_add_css_class (tag, kind_class (kind));
  gtk_widget_set_valign (tag, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (tag), icon);
  gtk_box_append (GTK_BOX (tag), gtk_label_new (kind_word (kind)));

  return tag;
}

/* A value as one label: "(empty)" for "", at most PB_FORMAT_MESSAGE_CHARS characters. */
static GtkWidget *
new_value_label (const char *text,
                 const char *side_class,
                 const char *accessible_prefix)
{
  g_autofree char *shown = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    /* Translators: an empty value in a list of differences */
    shown = g_strdup (_("(empty)"));
  else
    shown = pb_format_for_display (text, PB_FORMAT_MESSAGE_CHARS);

  label = gtk_label_new (shown);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "pb-diff-value");
  gtk_widget_add_css_class (label, side_class);
  if (text == NULL || *text == '\0')
    gtk_widget_add_css_class (label, "dim-label");

  accessible = g_strdup_printf ("%s %s", accessible_prefix, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  return label;
}

static GtkWidget *
new_pair (const char *old_text,
          const char *new_text)
{
  GtkWidget *pair = g_object_new (GTK_TYPE_BOX, NULL);
  GtkWidget *arrow = g_object_new (GTK_TYPE_LABEL,
                                   "label", "→",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   "valign", GTK_ALIGN_START,
                                   NULL);
  GtkWidget *old_label;

  gtk_widget_set_layout_manager (pair, gtk_custom_layout_new (pair_request_mode, pair_measure,
                                                              pair_allocate));
  gtk_widget_add_css_class (arrow, "dim-label");
  /* Translators: said by a screen reader before the value a field had */
  old_label = new_value_label (old_text, "removed", _("Before:"));
  /* The tints are faint in the dark style and nothing for those who do not see colours: the
   * value before is struck through. */
  if (old_text != NULL && *old_text != '\0')
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
      gtk_label_set_attributes (GTK_LABEL (old_label), attrs);
      pango_attr_list_unref (attrs);
    }
  gtk_box_append (GTK_BOX (pair), old_label);
  gtk_box_append (GTK_BOX (pair), arrow);
  /* Translators: said by a screen reader before the value a field has now */
  gtk_box_append (GTK_BOX (pair), new_value_label (new_text, "added", _("After:")));

  return pair;
}

static GtkWidget *
new_line_label (const char *mark,
                const char *text,
                const char *line_class)
{
  g_autofree char *shown = pb_format_for_display (text, PB_FORMAT_MESSAGE_CHARS);
  g_autofree char *line = g_strdup_printf ("%s %s", mark, shown);
  GtkWidget *label = gtk_label_new (line);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "pb-diff-line");
  gtk_widget_add_css_class (label, "monospace");
  if (line_class != NULL)
    {
      g_autofree char *accessible = NULL;

      gtk_widget_add_css_class (label, line_class);
      /* A screen reader says what the mark means. */
      accessible = g_strdup_printf ("%s %s",
                                    g_str_equal (line_class, "added")
                                    /* Translators: said by a screen reader before a line */
                                    ? _("Added line:")
                                    /* Translators: said by a screen reader before a line */
                                    : _("Removed line:"),
                                    shown);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
    }

  return label;
}

static GtkWidget *
new_fold_label (guint n_lines)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "⋯ %u unchanged line",
                                                        "⋯ %u unchanged lines", n_lines),
                                           n_lines);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "pb-diff-line");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* Whether line i of a run of unchanged lines [start, end) is shown: near a change, or the
 * run is short. */
static gboolean
line_is_near_change (guint     i,
                     guint     start,
                     guint     end,
                     GPtrArray *lines)
{
  gboolean change_before = start > 0;
  gboolean change_after = end < lines->len;

  if (end - start <= 2 * CONTEXT_LINES + 1)
    return TRUE;

  return (change_before && i < start + CONTEXT_LINES)
         || (change_after && i >= end - CONTEXT_LINES);
}

static GtkWidget *
new_line_diff (const char *old_text,
               const char *new_text)
{
  g_autoptr(GPtrArray) lines = pb_diff_lines (old_text != NULL ? old_text : "",
                                              new_text != NULL ? new_text : "");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  guint shown = 0;
  guint i = 0;

  gtk_widget_add_css_class (box, "pb-diff-lines");

  while (i < lines->len && shown < MAX_LINES)
    {
      PbDiffLine *line = g_ptr_array_index (lines, i);
      guint end = i;

      if (line->kind == PB_DIFF_LINE_REMOVED)
        {
          gtk_box_append (GTK_BOX (box), new_line_label ("−", line->text, "removed"));
          shown++;
          i++;
          continue;
        }
      if (line->kind == PB_DIFF_LINE_ADDED)
        {
          gtk_box_append (GTK_BOX (box), new_line_label ("+", line->text, "added"));
          shown++;
          i++;
          continue;
        }

      /* A run of unchanged lines: what is near a change, the rest folded. */
      while (end < lines->len
             && ((PbDiffLine *) g_ptr_array_index (lines, end))->kind == PB_DIFF_LINE_SAME)
        end++;
      for (guint j = i; j < end; j++)
        {
          if (line_is_near_change (j, i, end, lines))
            {
              PbDiffLine *same = g_ptr_array_index (lines, j);

              gtk_box_append (GTK_BOX (box), new_line_label (" ", same->text, NULL));
              shown++;
            }
          else
            {
              guint folded = 0;

              while (j < end && !line_is_near_change (j, i, end, lines))
                {
                  folded++;
                  j++;
                }
              gtk_box_append (GTK_BOX (box), new_fold_label (folded));
              j--;
            }
        }
      i = end;
    }

  if (i < lines->len)
    gtk_box_append (GTK_BOX (box), new_fold_label (lines->len - i));

  return box;
}

static GtkWidget *
new_entry_row (const PbDiffEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *title = pb_format_for_display (entry->label, PB_FORMAT_TITLE_CHARS);
  g_autofree char *accessible = NULL;
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  GtkWidget *values;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "pb-diff-row");
  gtk_widget_add_css_class (box, "pb-diff-box");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (head), label);
  gtk_box_append (GTK_BOX (head), new_kind_tag (entry->kind));
  gtk_box_append (GTK_BOX (box), head);

  /* Values in the page's words ("Destination", "OAuth 2.0", "Yes"); a masked one as it is. */
  old_text = entry->masked ? g_strdup (entry->old_text)
                            : pb_format_change_value (entry->path, entry->old_text);
  new_text = entry->masked ? g_strdup (entry->new_text)
                            : pb_format_change_value (entry->path, entry->new_text);
  if (entry->multiline)
    values = new_line_diff (entry->old_text, entry->new_text);
  else if (entry->kind == PB_DIFF_CHANGED)
    values = new_pair (old_text, new_text);
  else if (entry->kind == PB_DIFF_ADDED)
    values = new_value_label (new_text, "added", _("After:"));
  else
    values = new_value_label (old_text, "removed", _("Before:"));
  gtk_box_append (GTK_BOX (box), values);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a row of a list of differences: the field, then Added, Removed or Changed */
  accessible = g_strdup_printf (_("%s: %s"), title, kind_word (entry->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  return row;
}

/* }}} */

void
pb_diff_view_set_entries (PbDiffView *self,
                          GPtrArray  *entries)
{
  GtkWidget *child;

  g_return_if_fail (PB_IS_DIFF_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    {
      if (!GTK_IS_LIST_BOX_ROW (child))
        break;
      gtk_list_box_remove (self->list, child);
    }

  self->n_entries = entries != NULL ? entries->len : 0;
  for (guint i = 0; i < self->n_entries; i++)
    gtk_list_box_append (self->list, new_entry_row (g_ptr_array_index (entries, i)));
}

guint
pb_diff_view_get_n_entries (PbDiffView *self)
{
  g_return_val_if_fail (PB_IS_DIFF_VIEW (self), 0);

  return self->n_entries;
}

void
pb_diff_view_set_placeholder (PbDiffView *self,
                              const char *text)
{
  g_return_if_fail (PB_IS_DIFF_VIEW (self));

  gtk_label_set_text (self->placeholder, text);
}

static void
pb_diff_view_class_init (PbDiffViewClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "pb-diff-view");
}

static void
pb_diff_view_init (PbDiffView *self)
{
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);

  /* Translators: what a list of differences says when two versions are the same */
  self->placeholder = GTK_LABEL (gtk_label_new (_("No differences")));
  gtk_label_set_wrap (self->placeholder, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "pb-list-placeholder");
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_list_box_set_placeholder (self->list, GTK_WIDGET (self->placeholder));

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list));
}

GtkWidget *
pb_diff_view_new (void)
{
  return g_object_new (PB_TYPE_DIFF_VIEW, NULL);
}
