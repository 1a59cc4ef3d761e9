import { InvalidParameterError } from '../errors/index.js';
import { JUNK_FILE_NAMES, TEMP_PREFIX } from '../format/layout.js';

/**
 * Checks of the names that keys, model names and artifact paths become on disk, one file or
 * folder name per `/`-separated segment.
 */

/** The longest name ext4, APFS, XFS and most other file systems accept: 255 bytes of UTF-8. */
export const MAX_NAME_BYTES = 255;

/** Windows maps these names to devices in every folder, whatever follows a dot: `CON`, `nul.txt`, `COM1.log`. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const encoder = new TextEncoder();

/** True for a name Windows reserves for a device (`CON`, `aux.txt`, `COM1`), in any case. */
export function isWindowsDeviceName(name: string): boolean {
  return WINDOWS_DEVICE.test((name.split('.')[0] ?? '').trimEnd());
}

/**
 * Checks each `/`-separated part of `path` as a file or folder name: no NUL (no file system
 * takes one), at most 255 bytes of UTF-8, and on Windows no device name (a write to
 * `params/CON` there would go to the console, not to a file). On other systems device names
 * are allowed, as in MLflow; a store holding them cannot be checked out on Windows.
 *
 * @example checkPathNames('plots/loss.png', 'The artifact path'); // passes
 */
export function checkPathNames(path: string, what: string, platform: string = process.platform): void {
  for (const segment of path.split('/')) {
    if (segment.includes('\0')) {
      throw new InvalidParameterError(`${what} ${JSON.stringify(path)} contains a NUL character, which no file system accepts in a name. Remove it.`);
    }
    const bytes = encoder.encode(segment).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new InvalidParameterError(
        `${what} '${path.slice(0, 60)}...' holds a name of ${bytes} bytes in UTF-8 ('${segment.slice(0, 20)}...'); file systems ` +
          `allow at most ${MAX_NAME_BYTES} bytes per file or folder name. Use a shorter name, or split it with '/'.`,
      );
    }
    if (platform === 'win32' && isWindowsDeviceName(segment)) {
      throw new InvalidParameterError(`${what} '${path}' uses the name '${segment}', which Windows reserves for a device. Use another name.`);
    }
  }
}

/** True for a file name readers skip (our temporary files, operating-system junk), which can therefore never be a key. */
export function isSkippedFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) || JUNK_FILE_NAMES.has(name);
}
