import { create } from 'zustand';

type Choice = 'system' | 'dark' | 'light';

interface ThemeStore {
  choice: Choice;
  resolved: 'dark' | 'light';
  setChoice(choice: Choice): void;
}

const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : undefined;
const systemTheme = () => (media?.matches ? 'light' : 'dark');
const stored = (localStorage.getItem('rpi.theme') as Choice | null) ?? 'system';

function resolve(choice: Choice): 'dark' | 'light' {
  return choice === 'system' ? systemTheme() : choice;
}

/** Dark by default, light on request, following the OS when left to it. */
export const useThemeStore = create<ThemeStore>((set) => ({
  choice: stored,
  resolved: resolve(stored),
  setChoice(choice) {
    localStorage.setItem('rpi.theme', choice);
    set({ choice, resolved: resolve(choice) });
  },
}));

media?.addEventListener('change', () => {
  const { choice } = useThemeStore.getState();
  useThemeStore.setState({ resolved: resolve(choice) });
});
