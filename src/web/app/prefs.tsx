import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

interface DisplayPrefs {
  /** Show numbers and dates with Persian digits (only affects Persian). */
  persianDigits: boolean;
  setPersianDigits: (on: boolean) => void;
  /** The workspace's time zone (setting `timeZone`): times are shown on its clock, not the browser's. */
  timeZone: string;
}

const KEY = 'pishkhan.persianDigits';
const DEFAULT_TIME_ZONE = 'Asia/Tehran';
const Ctx = createContext<DisplayPrefs>({
  persianDigits: true,
  setPersianDigits: () => undefined,
  timeZone: DEFAULT_TIME_ZONE,
});

function saved(): boolean | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === null ? null : v === '1';
  } catch {
    return null;
  }
}

/** Display preferences kept in this browser; the workspace's setting is the default. */
export function DisplayPrefsProvider({
  workspaceDefault,
  timeZone,
  children,
}: {
  workspaceDefault: boolean;
  timeZone?: string;
  children: ReactNode;
}) {
  const [own, setOwn] = useState<boolean | null>(saved);
  const value = useMemo<DisplayPrefs>(
    () => ({
      persianDigits: own ?? workspaceDefault,
      setPersianDigits: (on) => {
        setOwn(on);
        try {
          localStorage.setItem(KEY, on ? '1' : '0');
        } catch {
          /* ignore */
        }
      },
      timeZone: timeZone || DEFAULT_TIME_ZONE,
    }),
    [own, workspaceDefault, timeZone],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useDisplayPrefs = () => useContext(Ctx);
