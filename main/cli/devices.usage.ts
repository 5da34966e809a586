/** Kept apart from the command so `station help` does not load the serial and HID libraries. */
export const DEVICES_USAGE = `  station devices [--probe] [--path <port>]... [--json] [--attempt-ms 1000] [--all]
        list serial ports with their usb:… identity and HID scales; --probe asks each port which scale
        protocol it speaks (each port opened briefly, never left open); --path adds a port or tcp://host:port
`;
