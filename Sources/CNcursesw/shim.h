#ifndef BYLINE_CNCURSESW_SHIM_H
#define BYLINE_CNCURSESW_SHIM_H
// The wide-character API (get_wch, cchar_t, setcchar) is only declared with this set.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Function-like macros do not import into Swift; these wrap the ones Byline needs.
static inline attr_t byline_a_normal(void) { return A_NORMAL; }
static inline attr_t byline_a_bold(void) { return A_BOLD; }
static inline attr_t byline_a_dim(void) { return A_DIM; }
static inline attr_t byline_a_italic(void) { return A_ITALIC; }
static inline attr_t byline_a_underline(void) { return A_UNDERLINE; }
static inline attr_t byline_a_reverse(void) { return A_REVERSE; }

// Mouse masks are macros too.
static inline mmask_t byline_mouse_mask(void) {
    return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int byline_is_click(mmask_t state) { return (state & (BUTTON1_CLICKED | BUTTON1_PRESSED)) != 0; }
static inline int byline_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int byline_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }

// Globals that Swift 6 rejects as shared mutable state, read through functions.
static inline int byline_colors(void) { return COLORS; }
#endif
